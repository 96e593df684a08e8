package com.webase.token.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.platform.problem.ProblemException;
import com.webase.testkit.RealServers;
import com.webase.token.defaulttoken.DefaultTokens;
import com.webase.token.named.NamedTokens;
import com.webase.token.support.Callers;
import com.webase.token.support.TokenServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** token-service follows account-service's events from the real broker. */
@TokenServiceTest
class AccountLifecycleIT {

  private final EventCodec codec = new EventCodec();

  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  @Autowired NamedTokens namedTokens;
  @Autowired DefaultTokens defaultTokens;

  @Test
  void aNewAccountGetsItsDefaultTokenOnceEvenIfTheEventComesTwice() {
    String userId = "user-" + UUID.randomUUID();
    AccountCreated created =
        new AccountCreated(UUID.randomUUID(), Instant.now(), userId, "new@webase.local", "New");

    publish(created);
    publish(created);

    await().atMost(Duration.ofSeconds(30)).until(() -> tokensOf(userId) == 1);
    assertThat(tokensOf(userId)).isEqualTo(1);
  }

  @Test
  void aDeletedAccountLosesEveryToken() {
    String userId = "user-" + UUID.randomUUID();
    publish(
        new AccountCreated(UUID.randomUUID(), Instant.now(), userId, "gone@webase.local", "Gone"));
    await().atMost(Duration.ofSeconds(30)).until(() -> tokensOf(userId) == 1);
    namedTokens.create(userId, "ci", List.of("apps:read"), Instant.now().plus(Duration.ofDays(30)));

    publish(new AccountDeleted(UUID.randomUUID(), Instant.now(), userId, "gone@webase.local"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from api_token where user_id = ? and (revoked_at is null or revoked_at > now())")
                        .param(userId)
                        .query(Integer.class)
                        .single()
                    == 0);
    assertThat(tokensOf(userId)).isEqualTo(2);
  }

  @Test
  void aDeletedAccountGetsNoNewTokenThroughALoginTokenStillValid() throws Exception {
    Callers.Person person = Callers.newPerson();
    Callers callers = new Callers(port);
    publish(new AccountDeleted(UUID.randomUUID(), Instant.now(), person.id(), person.email()));
    await().atMost(Duration.ofSeconds(30)).until(() -> isRememberedAsDeleted(person.id()));

    // the person's Keycloak token is still valid for minutes: every way to a new token is shut
    for (var refused :
        List.of(
            callers.send("GET", "/api/v1/tokens/default", person.accessToken(), null),
            callers.send("GET", "/api/v1/tokens/default?reveal=true", person.accessToken(), null),
            callers.send("POST", "/api/v1/tokens/default/regenerate", person.accessToken(), null),
            callers.send(
                "POST",
                "/api/v1/tokens",
                person.accessToken(),
                "{\"name\":\"after\",\"scopes\":[\"apps:read\"]}"))) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(410);
      assertThat(refused.body()).contains("/problems/account-deleted").doesNotContain("wbt_");
    }
    assertThat(tokensOf(person.id())).isZero();
  }

  @Test
  void aTokenIssuedWhileTheDeletionIsAppliedIsRevokedWithTheRest() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    publish(
        new AccountCreated(UUID.randomUUID(), Instant.now(), userId, "race@webase.local", "Race"));
    await().atMost(Duration.ofSeconds(30)).until(() -> tokensOf(userId) == 1);
    AtomicBoolean deletionApplied = new AtomicBoolean();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger issued = new AtomicInteger();
    List<Future<?>> issuers = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        int n = i;
        issuers.add(
            pool.submit(
                () -> {
                  // keeps issuing until some time after the deletion is known to be applied
                  long stopAt = Long.MAX_VALUE;
                  for (int k = 0; System.nanoTime() < stopAt; k++) {
                    if (deletionApplied.get() && stopAt == Long.MAX_VALUE) {
                      stopAt = System.nanoTime() + Duration.ofMillis(300).toNanos();
                    }
                    try {
                      if ((n + k) % 2 == 0) {
                        defaultTokens.regenerate(userId, Duration.ZERO);
                      } else {
                        namedTokens.create(
                            userId,
                            "race " + n + "-" + k,
                            List.of("apps:read"),
                            Instant.now().plus(Duration.ofDays(1)));
                      }
                      issued.incrementAndGet();
                    } catch (ProblemException e) {
                      if (e.slug().equals("account-deleted")) {
                        refused.incrementAndGet();
                      } else {
                        assertThat(e.slug()).isEqualTo("too-many-tokens");
                      }
                    }
                  }
                  return null;
                }));
      }
      // the deletion arrives while every issuer is busy issuing
      await().atMost(Duration.ofSeconds(30)).until(() -> issued.get() >= 4);
      publish(new AccountDeleted(UUID.randomUUID(), Instant.now(), userId, "race@webase.local"));
      await().atMost(Duration.ofSeconds(30)).until(() -> isRememberedAsDeleted(userId));
      // the deletion's transaction has committed: what it revoked is final
      deletionApplied.set(true);
      for (Future<?> issuer : issuers) {
        issuer.get();
      }
    }

    assertThat(refused.get()).isPositive();
    assertThat(
            jdbc.sql(
                    "select count(*) from api_token where user_id = ?"
                        + " and (revoked_at is null or revoked_at > now())")
                .param(userId)
                .query(Integer.class)
                .single())
        .as("tokens of a deleted account that still work")
        .isZero();
  }

  private boolean isRememberedAsDeleted(String userId) {
    return jdbc.sql("select count(*) from deleted_account where user_id = ?")
            .param(userId)
            .query(Integer.class)
            .single()
        == 1;
  }

  private int tokensOf(String userId) {
    return jdbc.sql("select count(*) from api_token where user_id = ?")
        .param(userId)
        .query(Integer.class)
        .single();
  }

  private void publish(WebaseEvent event) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var record =
          new ProducerRecord<String, byte[]>(Topics.ACCOUNT, event.subject(), codec.data(event));
      codec
          .envelopeOf(event)
          .toHeaders()
          .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
