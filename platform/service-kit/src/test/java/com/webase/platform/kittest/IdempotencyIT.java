package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.MovableClock;
import com.webase.testkit.TestTokenIssuer;
import com.webase.testkit.spring.MovableClockConfiguration;
import com.webase.testkit.spring.WebaseServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} on the kit test application's create endpoint, against real PostgreSQL: a
 * retry gets the first answer and nothing is made twice.
 */
@WebaseServiceTest(keycloak = true)
@Import(MovableClockConfiguration.class)
class IdempotencyIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MovableClock clock;

  private final String owner = "user-" + UUID.randomUUID();

  @Test
  void theSameKeyAndBodyTwiceCreatesOnceAndReplaysTheFirstAnswer() throws Exception {
    String key = UUID.randomUUID().toString();

    var first = create(owner, key, "{\"name\":\"one\"}");
    var second = create(owner, key, "{\"name\":\"one\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(widgetsOf(owner)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndCreatesNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    create(owner, key, "{\"name\":\"one\"}");

    var other = create(owner, key, "{\"name\":\"two\"}");

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body()).contains("/problems/idempotency-key-reused");
    assertThat(widgetsOf(owner)).isEqualTo(1);
  }

  @Test
  void keysBelongToTheirCaller() throws Exception {
    String key = UUID.randomUUID().toString();
    String someoneElse = "user-" + UUID.randomUUID();

    var mine = create(owner, key, "{\"name\":\"one\"}");
    var theirs = create(someoneElse, key, "{\"name\":\"one\"}");

    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(theirs.body()).isNotEqualTo(mine.body());
    assertThat(widgetsOf(someoneElse)).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheFirstIsRunningIs409AndTheFirstStillCompletes() throws Exception {
    String key = UUID.randomUUID().toString();
    KitTestApplication.Widgets.slowGate = new CountDownLatch(1);
    try {
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(() -> createUnchecked(owner, key, "{\"name\":\"slow\"}"));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> rowsOfKeyInFlight() > 0);

      var retry = create(owner, key, "{\"name\":\"slow\"}");

      assertThat(retry.statusCode()).isEqualTo(409);
      assertThat(retry.body()).contains("/problems/idempotency-key-in-use");
      assertThat(retry.headers().firstValue("Retry-After")).hasValue("1");
      KitTestApplication.Widgets.slowGate.countDown();
      assertThat(first.join().statusCode()).isEqualTo(201);
      assertThat(create(owner, key, "{\"name\":\"slow\"}").body()).isEqualTo(first.join().body());
      assertThat(widgetsOf(owner)).isEqualTo(1);
    } finally {
      KitTestApplication.Widgets.slowGate.countDown();
    }
  }

  @Test
  void aKeyBelongsToTheCredentialItWasUsedWith() throws Exception {
    String key = UUID.randomUUID().toString();

    var withOneToken = create(owner, key, "{\"name\":\"one\"}");
    var withAnother = create(owner, key, "{\"name\":\"one\"}", List.of("apps:read"));

    assertThat(withAnother.statusCode()).isEqualTo(201);
    assertThat(withAnother.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(withAnother.body()).isNotEqualTo(withOneToken.body());
  }

  @Test
  void aServerErrorFreesTheKeyForTheRetry() throws Exception {
    String key = UUID.randomUUID().toString();

    var failed = create(owner, key, "{\"name\":\"fail\"}");
    var again = create(owner, key, "{\"name\":\"fail\"}");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(again.statusCode()).as("done again, not replayed").isEqualTo(500);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void aClientErrorIsKeptAndReplayedLikeAnyAnswer() throws Exception {
    String key = UUID.randomUUID().toString();

    var invalid = create(owner, key, "{\"name\":\"\"}");
    var again = create(owner, key, "{\"name\":\"\"}");

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void aKeyIsForgottenAfter24Hours() throws Exception {
    String key = UUID.randomUUID().toString();
    create(owner, key, "{\"name\":\"one\"}");

    clock.advance(Duration.ofHours(24).plusMinutes(1));
    var later = create(owner, key, "{\"name\":\"two\"}");

    assertThat(later.statusCode()).isEqualTo(201);
    assertThat(widgetsOf(owner)).isEqualTo(2);
  }

  @Test
  void theKeptAnswerCannotBeReadFromTheTable() throws Exception {
    String key = UUID.randomUUID().toString();
    var created = create(owner, key, "{\"name\":\"secretive\"}");
    String secret = created.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
    assertThat(secret).startsWith("wbt_");

    List<byte[]> rows =
        jdbc.sql("select response_sealed from idempotency_key where response_sealed is not null")
            .query(byte[].class)
            .list();

    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .noneMatch(row -> new String(row, StandardCharsets.ISO_8859_1).contains(secret))
        .noneMatch(row -> new String(row, StandardCharsets.ISO_8859_1).contains(key));
  }

  @Test
  void aMalformedKeyIsRefusedBeforeAnythingHappens() throws Exception {
    var response = create(owner, "x".repeat(256), "{\"name\":\"one\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"Idempotency-Key\"");
    assertThat(widgetsOf(owner)).isZero();
  }

  @Test
  void aRequestWithoutAKeyIsNotAffected() throws Exception {
    create(owner, null, "{\"name\":\"one\"}");
    create(owner, null, "{\"name\":\"one\"}");

    assertThat(widgetsOf(owner)).isEqualTo(2);
  }

  private long widgetsOf(String user) {
    return jdbc.sql("select count(*) from kit_widget where owner = ?")
        .param(user)
        .query(Long.class)
        .single();
  }

  private long rowsOfKeyInFlight() {
    return jdbc.sql("select count(*) from idempotency_key where state = 'in-flight'")
        .query(Long.class)
        .single();
  }

  private HttpResponse<String> createUnchecked(String user, String key, String json) {
    try {
      return create(user, key, json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> create(String user, String key, String json) throws Exception {
    return create(user, key, json, List.of("apps:write"));
  }

  /** With the API token of {@code user} that has these scopes (one token per scope set). */
  private HttpResponse<String> create(String user, String key, String json, List<String> scopes)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/widgets"))
            .header("Authorization", "Bearer " + TestTokenIssuer.tokenService().mint(user, scopes))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
