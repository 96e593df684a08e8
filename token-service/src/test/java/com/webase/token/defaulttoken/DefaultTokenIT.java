package com.webase.token.defaulttoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.webase.apitoken.ApiTokenFormat;
import com.webase.testkit.MovableClock;
import com.webase.testkit.TopicReader;
import com.webase.token.secret.TokenVault;
import com.webase.token.support.Callers;
import com.webase.token.support.TokenServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TokenServiceTest
class DefaultTokenIT {

  private static final JsonMapper json = new JsonMapper();
  private static final String REVEAL = "/api/v1/tokens/default?reveal=true";

  @LocalServerPort int port;
  @Autowired DefaultTokens defaultTokens;
  @Autowired JdbcClient jdbc;
  @Autowired MovableClock clock;

  @Test
  void aPersonSeesTheSameWellFormedTokenEachTimeAndNoCacheKeepsIt() throws Exception {
    Callers callers = new Callers(port);

    var first = callers.send("GET", REVEAL, Callers.person(), null);
    var second = callers.send("GET", REVEAL, Callers.person(), null);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
    String token = json.readTree(first.body()).get("token").asString();
    assertThat(ApiTokenFormat.isWellFormed(token)).isTrue();
    assertThat(json.readTree(second.body()).get("token").asString()).isEqualTo(token);
    assertThat(json.readTree(first.body()).get("header").asString()).isEqualTo("x-api-token");
  }

  @Test
  void theMaskedViewShowsOnlyThePrefixAndLastFourAndNeedsNoRecentLogin() throws Exception {
    Callers callers = new Callers(port);
    Callers.Person person = Callers.newPerson();
    String full =
        json.readTree(callers.send("GET", REVEAL, person.accessToken(), null).body())
            .get("token")
            .asString();
    clock.advance(Duration.ofMinutes(16));

    var masked = callers.send("GET", "/api/v1/tokens/default", person.accessToken(), null);

    assertThat(masked.statusCode()).isEqualTo(200);
    assertThat(masked.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode view = json.readTree(masked.body());
    assertThat(view.has("token")).isFalse();
    assertThat(view.get("display").asString())
        .isEqualTo("wbt_…" + full.substring(full.length() - 4));
    assertThat(view.get("scopes").toString()).contains("account:read", "account:write", "deploy");
    assertThat(masked.body()).doesNotContain(full.substring(4, 36));
  }

  @Test
  void withALoginOlderThanFifteenMinutesTheTokenCanNeitherBeShownNorRegenerated() throws Exception {
    Callers callers = new Callers(port);
    Callers.Person person = Callers.newPerson();
    String id =
        json.readTree(callers.send("GET", REVEAL, person.accessToken(), null).body())
            .get("id")
            .asString();
    clock.advance(Duration.ofMinutes(16));

    for (var refused :
        List.of(
            callers.send("GET", REVEAL, person.accessToken(), null),
            callers.send(
                "POST", "/api/v1/tokens/default/regenerate", person.accessToken(), null))) {
      assertThat(refused.statusCode()).isEqualTo(401);
      JsonNode problem = json.readTree(refused.body());
      assertThat(problem.get("type").asString()).endsWith("/problems/recent-login-required");
      assertThat(problem.get("reauthenticateUrl").asString()).isEqualTo("/session/reauthenticate");
      assertThat(refused.body()).doesNotContain("wbt_");
    }
    clock.reset();
    // nothing was regenerated
    assertThat(
            json.readTree(callers.send("GET", REVEAL, person.accessToken(), null).body())
                .get("id")
                .asString())
        .isEqualTo(id);
  }

  @Test
  void aTokenWithoutAuthTimeCountsAsAnOldLogin() throws Exception {
    Callers callers = new Callers(port);
    Callers.Person person = Callers.newPerson();
    // a password grant made just now: valid, but it does not say when the person logged in
    String passwordGrant = person.passwordGrantToken();

    var revealed = callers.send("GET", REVEAL, passwordGrant, null);
    var masked = callers.send("GET", "/api/v1/tokens/default", passwordGrant, null);

    assertThat(revealed.statusCode()).isEqualTo(401);
    assertThat(revealed.body()).contains("/problems/recent-login-required");
    assertThat(masked.statusCode()).isEqualTo(200);
  }

  @Test
  void aProgramWithAnApiTokenCanNeitherSeeNorRegenerateIt() throws Exception {
    Callers callers = new Callers(port);
    String program = Callers.program("user-" + UUID.randomUUID());

    for (var response :
        List.of(
            callers.send("GET", "/api/v1/tokens/default", program, null),
            callers.send("GET", REVEAL, program, null),
            callers.send("POST", "/api/v1/tokens/default/regenerate", program, null))) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body())
          .contains("https://webase.dev/problems/interactive-login-required");
    }
  }

  @Test
  void regeneratingReplacesTheTokenKillsTheOldOneAtOnceAndAnnouncesIt() throws Exception {
    Callers callers = new Callers(port);
    String userId = SignedJWT.parse(Callers.person()).getJWTClaimsSet().getSubject();
    JsonNode before = json.readTree(callers.send("GET", REVEAL, Callers.person(), null).body());

    var response =
        callers.send("POST", "/api/v1/tokens/default/regenerate", Callers.person(), null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode after = json.readTree(response.body());
    assertThat(after.get("token").asString()).isNotEqualTo(before.get("token").asString());
    assertThat(after.get("previousTokenId").asString()).isEqualTo(before.get("id").asString());
    // for the gateway that serves it, which forgets the old token before passing the answer on
    assertThat(response.headers().firstValue("Webase-Revoked-Token-Id"))
        .hasValue(before.get("id").asString());
    assertThat(
            json.readTree(callers.send("GET", REVEAL, Callers.person(), null).body())
                .get("token")
                .asString())
        .isEqualTo(after.get("token").asString());
    Boolean oldStillWorks =
        jdbc.sql("select revoked_at > now() from api_token where id = ?::uuid")
            .param(before.get("id").asString())
            .query(Boolean.class)
            .single();
    assertThat(oldStillWorks).isFalse();

    // on the user's partition, in this order: the old token revoked, then the new one announced
    String revoked = "com.webase.token.TokenRevoked " + before.get("id").asString();
    String regenerated = "com.webase.token.TokenRegenerated " + after.get("id").asString();
    List<String> events = eventsFor("webase.token.events", userId, List.of(revoked, regenerated));
    assertThat(events).containsSubsequence(revoked, regenerated);
  }

  @Test
  void withAGracePeriodTheOldTokenWorksUntilItEnds() throws Exception {
    Callers callers = new Callers(port);
    JsonNode before = json.readTree(callers.send("GET", REVEAL, Callers.person(), null).body());

    var response =
        callers.send(
            "POST",
            "/api/v1/tokens/default/regenerate",
            Callers.person(),
            "{\"gracePeriodSeconds\":60}");

    assertThat(response.statusCode()).isEqualTo(200);
    Boolean oldStillWorks =
        jdbc.sql(
                "select revoked_at between now() + interval '55 seconds' and now() + interval '65 seconds'"
                    + " from api_token where id = ?::uuid")
            .param(before.get("id").asString())
            .query(Boolean.class)
            .single();
    assertThat(oldStillWorks).isTrue();
  }

  @Test
  void aGracePeriodBeyondTheMaximumIsRefusedAndNothingChanges() throws Exception {
    Callers callers = new Callers(port);
    String before = callers.send("GET", REVEAL, Callers.person(), null).body();

    for (String body : List.of("{\"gracePeriodSeconds\":86400}", "{\"gracePeriodSeconds\":-1}")) {
      var response =
          callers.send("POST", "/api/v1/tokens/default/regenerate", Callers.person(), body);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("\"field\":\"gracePeriodSeconds\"");
    }
    assertThat(callers.send("GET", REVEAL, Callers.person(), null).body()).isEqualTo(before);
  }

  @Test
  void concurrentFirstLooksMakeExactlyOneDefaultToken() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    List<Callable<String>> looks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      looks.add(() -> defaultTokens.show(userId).token());
    }
    Set<String> seen;
    try (var pool = Executors.newFixedThreadPool(20)) {
      seen =
          pool.invokeAll(looks).stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  })
              .collect(Collectors.toSet());
    }

    assertThat(seen).hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from api_token where user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void theTableHoldsAHashAndACiphertextNeverTheToken() {
    String userId = "user-" + UUID.randomUUID();
    String token = defaultTokens.show(userId).token();

    var row =
        jdbc.sql("select token_hash, token_sealed from api_token where user_id = ?")
            .param(userId)
            .query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2)))
            .single();
    assertThat(row.get(0)).isEqualTo(TokenVault.hash(token));
    assertThat(new String(row.get(1), StandardCharsets.ISO_8859_1)).doesNotContain(token);
    String everything =
        jdbc.sql(
                "select concat_ws('|', id, user_id, name, last_four, scopes) from api_token where user_id = ?")
            .param(userId)
            .query(String.class)
            .single();
    assertThat(everything).doesNotContain(token.substring(4, 36));
  }

  /**
   * The events of one key as "type token-id", in partition order, once all {@code expected} are
   * among them (or after 30 s).
   */
  private static List<String> eventsFor(String topic, String key, List<String> expected) {
    try (TopicReader reader = new TopicReader(topic)) {
      List<String> events = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!events.containsAll(expected) && System.nanoTime() < deadline) {
        events.clear();
        for (ConsumerRecord<String, byte[]> record : reader.poll()) {
          if (key.equals(record.key())) {
            JsonNode data = json.readTree(record.value());
            String tokenId =
                data.has("newTokenId")
                    ? data.get("newTokenId").asString()
                    : data.get("tokenId").asString();
            events.add(TopicReader.header(record, "ce_type") + " " + tokenId);
          }
        }
      }
      return events;
    }
  }
}
