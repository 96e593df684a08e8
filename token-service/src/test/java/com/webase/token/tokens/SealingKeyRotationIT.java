package com.webase.token.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.platform.problem.ProblemException;
import com.webase.testkit.PostgresServer;
import com.webase.testkit.RealServers;
import com.webase.token.secret.TokenVault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A key rotation on a real PostgreSQL database of its own, migrated as token-service's is: tokens
 * sealed under key A stay readable when B becomes current with A still configured, the job moves
 * them all to B (in batches, from two instances at once), and then A can be removed.
 */
class SealingKeyRotationIT {

  private static final String SECRET_A = "secret-a-" + UUID.randomUUID() + UUID.randomUUID();
  private static final String SECRET_B = "secret-b-" + UUID.randomUUID() + UUID.randomUUID();
  private static final String SECRET_C = "secret-c-" + UUID.randomUUID() + UUID.randomUUID();

  private final TokenVault onlyA = new TokenVault(Map.of("k1", SECRET_A), "k1");
  private final TokenVault switching = new TokenVault(Map.of("k1", SECRET_A, "k2", SECRET_B), "k2");
  private final TokenVault onlyB = new TokenVault(Map.of("k1", "", "k2", SECRET_B), "k2");

  private JdbcClient jdbc;
  private TransactionTemplate transactions;
  private ApiTokens tokens;
  private DeletedAccounts deletedAccounts;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void freshDatabase() {
    PostgresServer postgres = RealServers.postgres();
    String database = "token_rotation_" + UUID.randomUUID().toString().replace("-", "");
    var dataSource =
        new SimpleDriverDataSource(
            new org.postgresql.Driver(),
            postgres.createDatabase(database),
            postgres.user(),
            postgres.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    tokens = new ApiTokens(jdbc);
    deletedAccounts = new DeletedAccounts(jdbc);
  }

  @Test
  void rowsUnderTheOldKeyStayReadableMoveToTheNewOneAndTheOldKeyCanThenGo() {
    Map<UUID, String> issued = issue(onlyA, 5);
    assertThat(keyIds()).containsOnly("k1");

    // step 1: B is current, A still configured; everything reads, new tokens get B
    Map<UUID, String> issuedDuringSwitch = issue(switching, 1);
    issued.putAll(issuedDuringSwitch);
    assertThat(keyOf(issuedDuringSwitch.keySet().iterator().next())).isEqualTo("k2");
    assertEveryTokenReadsWith(switching, issued);

    // step 2: the job moves the rest, in batches of 2
    var outcome = new SealingKeyRotation(tokens, switching, transactions, meters, 2).run();

    assertThat(outcome.moved()).isEqualTo(5);
    assertThat(outcome.missingKeys()).isEmpty();
    assertThat(keyIds()).containsOnly("k2");
    assertThat(gauge("k2", "current")).isEqualTo(6);
    assertThat(new SealingKeyRotation(tokens, switching, transactions, meters, 2).run().moved())
        .as("a second run has nothing left to do")
        .isZero();

    // step 3: A removed from the configuration
    assertEveryTokenReadsWith(onlyB, issued);
  }

  @Test
  void twoInstancesMoveEveryRowExactlyOnce() throws Exception {
    Map<UUID, String> issued = issue(onlyA, 60);

    List<Future<SealingKeyRotation.Outcome>> runs = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < 2; i++) {
        runs.add(
            pool.submit(
                () -> new SealingKeyRotation(tokens, switching, transactions, meters, 7).run()));
      }
    }

    assertThat(runs.get(0).get().moved() + runs.get(1).get().moved()).isEqualTo(60);
    assertThat(keyIds()).containsOnly("k2");
    assertEveryTokenReadsWith(onlyB, issued);
  }

  @Test
  void rowsWhoseKeyIsNotConfiguredAreReportedNotFatal() {
    Map<UUID, String> issued = issue(onlyA, 3);
    TokenVault onlyC = new TokenVault(Map.of("k3", SECRET_C), "k3");

    var outcome = new SealingKeyRotation(tokens, onlyC, transactions, meters, 10).run();

    assertThat(outcome.moved()).isZero();
    assertThat(outcome.missingKeys()).containsExactly(Map.entry("k1", 3L));
    assertThat(gauge("k1", "missing")).isEqualTo(3);
    assertThat(keyIds()).containsOnly("k1");
    // showing such a token is a clear problem, and it says nothing secret
    ApiToken row = tokens.find(issued.keySet().iterator().next()).orElseThrow();
    assertThatThrownBy(() -> newTokens(onlyC).reveal(row))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(problem.slug()).isEqualTo("token-not-readable");
            });
    // with A back, the same job moves them
    TokenVault aBackWithC = new TokenVault(Map.of("k1", SECRET_A, "k3", SECRET_C), "k3");
    var withA = new SealingKeyRotation(tokens, aBackWithC, transactions, meters, 10).run();
    assertThat(withA.moved()).isEqualTo(3);
    assertThat(withA.missingKeys()).isEmpty();
    assertEveryTokenReadsWith(new TokenVault(Map.of("k3", SECRET_C), "k3"), issued);
  }

  @Test
  void aRowWhoseConfiguredKeyDoesNotOpenItIsLeftAndCounted() {
    issue(onlyA, 2);
    TokenVault wrongA = new TokenVault(Map.of("k1", SECRET_C, "k2", SECRET_B), "k2");

    var outcome = new SealingKeyRotation(tokens, wrongA, transactions, meters, 10).run();

    assertThat(outcome.moved()).isZero();
    assertThat(outcome.unreadable()).isEqualTo(2);
    assertThat(keyIds()).containsOnly("k1");
  }

  private Map<UUID, String> issue(TokenVault vault, int count) {
    NewTokens newTokens = newTokens(vault);
    Map<UUID, String> issued = new java.util.LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String userId = "user-" + UUID.randomUUID();
      var made =
          transactions.execute(
              status ->
                  newTokens.issue(
                      userId,
                      ApiToken.Kind.NAMED,
                      "rotation " + userId,
                      List.of("apps:read"),
                      Instant.now(),
                      Instant.now().plus(Duration.ofDays(1))));
      issued.put(made.stored().id(), made.token());
    }
    return issued;
  }

  private NewTokens newTokens(TokenVault vault) {
    return new NewTokens(vault, tokens, deletedAccounts, meters);
  }

  private void assertEveryTokenReadsWith(TokenVault vault, Map<UUID, String> issued) {
    NewTokens reader = newTokens(vault);
    issued.forEach(
        (id, token) -> assertThat(reader.reveal(tokens.find(id).orElseThrow())).isEqualTo(token));
  }

  private List<String> keyIds() {
    return jdbc.sql("select distinct key_id from api_token").query(String.class).list();
  }

  private String keyOf(UUID id) {
    return jdbc.sql("select key_id from api_token where id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private double gauge(String key, String state) {
    return meters.get("webase.tokens.sealed").tag("key", key).tag("state", state).gauge().value();
  }
}
