package com.webase.token.named;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.apitoken.ApiTokenFormat;
import com.webase.testkit.MovableClock;
import com.webase.token.support.Callers;
import com.webase.token.support.TokenServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TokenServiceTest
class NamedTokensIT {

  private static final JsonMapper json = new JsonMapper();

  @LocalServerPort int port;
  @Autowired MovableClock clock;

  @Test
  void aCreatedTokenIsShownOnceThenListedOnlyByItsLastFour() throws Exception {
    Callers callers = new Callers(port);
    String name = "CI deploys " + UUID.randomUUID();

    var created =
        callers.send(
            "POST",
            "/api/v1/tokens",
            Callers.person(),
            "{\"name\":\""
                + name
                + "\",\"scopes\":[\"apps:read\",\"deploy\"],\"expiresAt\":\""
                + Instant.now().plus(30, ChronoUnit.DAYS)
                + "\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    String token = json.readTree(created.body()).get("token").asString();
    assertThat(ApiTokenFormat.isWellFormed(token)).isTrue();
    var list = callers.send("GET", "/api/v1/tokens?limit=100", Callers.person(), null);
    assertThat(list.body())
        .contains(name)
        .contains("wbt_…" + token.substring(36))
        .doesNotContain(token);
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyShowsTheSameTokenAndMakesNoSecond() throws Exception {
    String name = "retried " + UUID.randomUUID();
    String body = "{\"name\":\"" + name + "\",\"scopes\":[\"apps:read\"]}";
    String key = UUID.randomUUID().toString();

    var first = createWithKey(body, key);
    var retried = createWithKey(body, key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(json.readTree(retried.body()).get("token").asString())
        .isEqualTo(json.readTree(first.body()).get("token").asString());
    var list =
        new Callers(port).send("GET", "/api/v1/tokens?limit=100", Callers.person(), null).body();
    assertThat(list.split(java.util.regex.Pattern.quote(name), -1)).hasSize(2);

    // the answer holds the secret, which only a recent login may see: so does its replay
    clock.advance(Duration.ofMinutes(16));
    try {
      var late = createWithKey(body, key);
      assertThat(late.statusCode()).isEqualTo(401);
      assertThat(late.body()).doesNotContain(json.readTree(first.body()).get("token").asString());
      assertThat(json.readTree(late.body()).get("reauthenticateUrl").asString())
          .isEqualTo("/session/reauthenticate");
    } finally {
      clock.reset();
    }
  }

  private java.net.http.HttpResponse<String> createWithKey(String body, String key)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + Callers.person())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRevokedTokenIsListedAsInactive() throws Exception {
    Callers callers = new Callers(port);
    String id = create(callers, "to revoke " + UUID.randomUUID());

    var revoked = callers.send("DELETE", "/api/v1/tokens/" + id, Callers.person(), null);

    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(revoked.headers().firstValue("Webase-Revoked-Token-Id")).hasValue(id);
    JsonNode items =
        json.readTree(
                callers.send("GET", "/api/v1/tokens?limit=100", Callers.person(), null).body())
            .get("items");
    boolean active = true;
    for (JsonNode item : items) {
      if (item.get("id").asString().equals(id)) {
        active = item.get("active").asBoolean();
      }
    }
    assertThat(active).isFalse();
  }

  @Test
  void anotherAccountsTokenIsNotFoundAndTheDefaultTokenCannotBeRevokedHere() throws Exception {
    Callers callers = new Callers(port);
    String defaultId =
        json.readTree(callers.send("GET", "/api/v1/tokens/default", Callers.person(), null).body())
            .get("id")
            .asString();

    assertThat(
            callers
                .send("DELETE", "/api/v1/tokens/" + UUID.randomUUID(), Callers.person(), null)
                .statusCode())
        .isEqualTo(404);
    var defaultRevoke =
        callers.send("DELETE", "/api/v1/tokens/" + defaultId, Callers.person(), null);
    assertThat(defaultRevoke.statusCode()).isEqualTo(409);
    assertThat(defaultRevoke.body()).contains("default-token-cannot-be-revoked");
  }

  @Test
  void badRequestsAreRefusedWithTheFieldAndReason() throws Exception {
    Callers callers = new Callers(port);
    String[][] cases = {
      {"{\"name\":\"\",\"scopes\":[\"apps:read\"]}", "name"},
      {"{\"name\":\"" + "x".repeat(65) + "\",\"scopes\":[\"apps:read\"]}", "name"},
      {"{\"name\":\"bell\\u0007\",\"scopes\":[\"apps:read\"]}", "name"},
      {"{\"name\":\"ok\",\"scopes\":[]}", "scopes"},
      {"{\"name\":\"ok\",\"scopes\":[\"admin\"]}", "scopes"},
      {
        "{\"name\":\"ok\",\"scopes\":[\"apps:read\"],\"expiresAt\":\"2000-01-01T00:00:00Z\"}",
        "expiresAt"
      },
      {"{\"name\":\"ok\",\"scopes\":\"apps:read\"}", "scopes"},
      {"{\"name\":\"ok\",\"scopes\":[\"apps:read\"],\"owner\":\"someone-else\"}", "owner"},
    };
    for (String[] bad : cases) {
      var response = callers.send("POST", "/api/v1/tokens", Callers.person(), bad[0]);
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(response.body()).as(bad[0]).contains("\"field\":\"" + bad[1] + "\"");
    }
    assertThat(
            callers.send("GET", "/api/v1/tokens?limit=1000", Callers.person(), null).statusCode())
        .isEqualTo(400);
    assertThat(
            callers
                .send("GET", "/api/v1/tokens?cursor=nonsense", Callers.person(), null)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void withoutAnExpiryATokenExpiresInNinetyDaysAndNeverIsRefused() throws Exception {
    Callers callers = new Callers(port);

    var defaulted =
        callers.send(
            "POST",
            "/api/v1/tokens",
            Callers.person(),
            "{\"name\":\"defaulted " + UUID.randomUUID() + "\",\"scopes\":[\"apps:read\"]}");

    assertThat(defaulted.statusCode()).isEqualTo(201);
    Instant expiresAt =
        Instant.parse(json.readTree(defaulted.body()).get("details").get("expiresAt").asString());
    assertThat(Duration.between(Instant.now(), expiresAt))
        .isBetween(Duration.ofDays(90).minusMinutes(5), Duration.ofDays(90));
    for (String never :
        List.of(
            "null",
            "\"never\"",
            "0",
            "\"" + Instant.now().plus(367, ChronoUnit.DAYS) + "\"",
            "\"" + Instant.now().minusSeconds(1) + "\"")) {
      var refused =
          callers.send(
              "POST",
              "/api/v1/tokens",
              Callers.person(),
              "{\"name\":\"forever\",\"scopes\":[\"apps:read\"],\"expiresAt\":" + never + "}");
      assertThat(refused.statusCode()).as(never).isEqualTo(400);
      assertThat(refused.body()).as(never).contains("\"field\":\"expiresAt\"");
    }
    assertThat(callers.send("GET", "/api/v1/tokens?limit=100", Callers.person(), null).body())
        .doesNotContain("forever");
  }

  @Test
  void tokensMayBeLimitedToTheAccountScopes() throws Exception {
    Callers callers = new Callers(port);

    var created =
        callers.send(
            "POST",
            "/api/v1/tokens",
            Callers.person(),
            "{\"name\":\"profile reader\",\"scopes\":[\"account:read\",\"account:write\"]}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json.readTree(created.body()).get("details").get("scopes").toString())
        .isEqualTo("[\"account:read\",\"account:write\"]");
  }

  @Test
  void creatingATokenNeedsALoginOfTheLastFifteenMinutes() throws Exception {
    Callers callers = new Callers(port);
    Callers.Person person = Callers.newPerson();
    String body = "{\"name\":\"late\",\"scopes\":[\"apps:read\"]}";
    clock.advance(Duration.ofMinutes(16));

    var late = callers.send("POST", "/api/v1/tokens", person.accessToken(), body);
    var passwordGrant = callers.send("POST", "/api/v1/tokens", person.passwordGrantToken(), body);

    for (var refused : List.of(late, passwordGrant)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(json.readTree(refused.body()).get("reauthenticateUrl").asString())
          .isEqualTo("/session/reauthenticate");
    }
    clock.reset();
    assertThat(callers.send("GET", "/api/v1/tokens", person.accessToken(), null).body())
        .doesNotContain("late");
    assertThat(callers.send("POST", "/api/v1/tokens", person.accessToken(), body).statusCode())
        .isEqualTo(201);
  }

  @Test
  void aProgramCannotCreateListOrRevokeTokens() throws Exception {
    Callers callers = new Callers(port);
    String program = Callers.program("user-" + UUID.randomUUID());

    assertThat(
            callers
                .send(
                    "POST",
                    "/api/v1/tokens",
                    program,
                    "{\"name\":\"x\",\"scopes\":[\"apps:read\"]}")
                .statusCode())
        .isEqualTo(403);
    assertThat(callers.send("GET", "/api/v1/tokens", program, null).statusCode()).isEqualTo(403);
    assertThat(
            callers
                .send("DELETE", "/api/v1/tokens/" + UUID.randomUUID(), program, null)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void onlyAProgramMayAskAboutItsOwnToken() throws Exception {
    Callers callers = new Callers(port);

    var person = callers.send("GET", "/api/v1/tokens/current", Callers.person(), null);
    var unknown =
        callers.send(
            "GET", "/api/v1/tokens/current", Callers.program("user-" + UUID.randomUUID()), null);

    assertThat(person.statusCode()).isEqualTo(400);
    assertThat(person.body()).contains("/problems/not-an-api-token-call");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("/problems/token-not-found");
  }

  @Test
  void listsArePagedWithACursor() throws Exception {
    Callers callers = new Callers(port);
    for (int i = 0; i < 3; i++) {
      create(callers, "paged " + i + " " + UUID.randomUUID());
    }
    JsonNode first =
        json.readTree(callers.send("GET", "/api/v1/tokens?limit=2", Callers.person(), null).body());
    assertThat(first.get("items")).hasSize(2);
    String cursor = first.get("nextCursor").asString();
    JsonNode second =
        json.readTree(
            callers
                .send("GET", "/api/v1/tokens?limit=2&cursor=" + cursor, Callers.person(), null)
                .body());
    assertThat(second.get("items").get(0).get("id").asString())
        .isNotIn(
            first.get("items").get(0).get("id").asString(),
            first.get("items").get(1).get("id").asString());
  }

  private static String create(Callers callers, String name) throws Exception {
    var created =
        callers.send(
            "POST",
            "/api/v1/tokens",
            Callers.person(),
            "{\"name\":\"" + name + "\",\"scopes\":[\"apps:read\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    return json.readTree(created.body()).get("details").get("id").asString();
  }
}
