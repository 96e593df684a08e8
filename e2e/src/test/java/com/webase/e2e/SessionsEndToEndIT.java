package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.RedisServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Portal sessions as the gateways keep them (issue 12, §1–3): each session with its own Keycloak
 * tokens, in Redis shared by both gateways, ended by Keycloak's back-channel logout, dropped from
 * the store at logout, and the sudo-mode re-authentication round trip.
 *
 * <p>What a session relays is read where the gateway keeps it: the session's entry in Redis. Which
 * token a session actually relayed shows in Keycloak: a password change keeps the Keycloak session
 * ({@code sid}) of the token account-service received and ends the others.
 */
class SessionsEndToEndIT {

  private static final JsonMapper JSON = new JsonMapper();
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final String SESSIONS = "webase:gateway:session:sessions:";

  private final Platform platform = Platform.get();
  private final RedisServer redis = platform.redis;
  private final String a = platform.gatewayA.url();
  private final String b = platform.gatewayB.url();

  @Test
  void aNewerLoginDoesNotReplaceTheTokensAnOlderSessionRelays() throws Exception {
    String email = newEmail("older");
    String password = "harbour lantern " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Olga", "Older");

    try (PortalSession first = PortalSession.logIn(a, email, password)) {
      awaitAccount(first);
      try (PortalSession second = PortalSession.logIn(a, email, password)) {
        awaitAccount(second);
        String firstSid = accessTokenOf(first).get("sid").asString();
        String secondSid = accessTokenOf(second).get("sid").asString();
        // Keycloak counts a session's start in seconds: two logins in one second have no order
        assertThat(platform.keycloak.sessionIds(email))
            .containsExactlyInAnyOrder(firstSid, secondSid)
            .doesNotHaveDuplicates();

        // the older session changes the password: account-service keeps the Keycloak session of
        // the token it received and ends the others — so the token session 1 relayed was its own
        var changed = changePassword(first, password, "tidal compass " + UUID.randomUUID());
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(platform.keycloak.sessionIds(email)).containsExactly(firstSid);

        assertEndsWithin5Seconds(second);
        assertThat(first.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(email);
      }
    }
  }

  @Test
  void aPasswordChangeInSession2EndsSession1OnTheOtherGatewayWithin5Seconds() throws Exception {
    String email = newEmail("two");
    String password = "quiet meadow " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Tess", "Twosessions");

    // session 1 used through gateway B (Keycloak allows the login's redirect to A only); Keycloak's
    // back-channel logout reaches gateway A
    try (PortalSession browser = PortalSession.logIn(a, email, password);
        PortalSession first = browser.at(b)) {
      awaitAccount(first);
      String firstId = first.sessionCookie();
      String firstSid = accessTokenOf(first).get("sid").asString();
      try (PortalSession second = PortalSession.logIn(a, email, password)) {
        awaitAccount(second);
        String secondSid = accessTokenOf(second).get("sid").asString();
        assertThat(platform.keycloak.sessionIds(email))
            .containsExactlyInAnyOrder(firstSid, secondSid)
            .doesNotHaveDuplicates();
        assertThat(first.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(email);
        assertThat(accessTokenOf(first).get("sid").asString())
            .as("session 1 still holds its own tokens after session 2 logged in")
            .isEqualTo(firstSid);

        var changed = changePassword(second, password, "ember orchard " + UUID.randomUUID());
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(platform.keycloak.sessionIds(email)).containsExactly(secondSid);

        assertEndsWithin5Seconds(first);
        assertThat(redis.command("EXISTS", SESSIONS + firstId))
            .as("session 1 and its tokens are gone from the store")
            .isEqualTo(0L);
        assertThat(redis.keys("webase:gateway:oidc:*" + firstSid + "*")).isEmpty();
        assertThat(second.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(email);
      }
    }
  }

  @Test
  void afterLogoutTheSessionsTokensAreGoneFromTheStore() throws Exception {
    String email = newEmail("logout");
    String password = "copper thistle " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Lou", "Logout");

    try (PortalSession session = PortalSession.logIn(a, email, password)) {
      awaitAccount(session);
      String id = session.sessionCookie();
      List<String> tokens = jwtsIn(storedValues(SESSIONS + id));
      String accessToken =
          tokens.stream()
              .filter(jwt -> "Bearer".equals(claims(jwt).path("typ").asString("")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no access token in the session's entry"));
      String sid = claims(accessToken).get("sid").asString();
      assertThat(redis.keys("webase:gateway:oidc:sid:" + sid)).hasSize(1);

      session.logOut();

      assertThat(redis.command("EXISTS", SESSIONS + id)).isEqualTo(0L);
      assertThat(redis.keys("webase:gateway:oidc:sid:" + sid)).isEmpty();
      for (String key : redis.keys("*")) {
        for (String value : storedValues(key)) {
          for (String token : tokens) {
            assertThat(value).as("no token of the ended session in " + key).doesNotContain(token);
          }
        }
      }
      assertThat(session.send("GET", "/api/v1/account", null, false).status()).isEqualTo(401);
    }
  }

  @Test
  void aSessionMadeOnAWorksOnBAndSurvivesARestartOfA() throws Exception {
    String email = newEmail("shared");
    String password = "silver harbour " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Sia", "Shared");

    try (PortalSession session = PortalSession.logIn(a, email, password)) {
      awaitAccount(session);
      try (PortalSession onB = session.at(b)) {
        assertThat(onB.session().get("email").asString()).isEqualTo(email);
        assertThat(onB.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(email);
      }

      platform.restartGatewayA();

      assertThat(session.session().get("authenticated").asBoolean()).isTrue();
      assertThat(session.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(email);
      var renamed = session.write("PATCH", "/api/v1/account", "{\"name\":\"Sia Restarted\"}");
      assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    }
  }

  @Test
  void theFullDefaultTokenAfterTheReauthenticationRoundTrip() throws Exception {
    String email = newEmail("sudo");
    String password = "velvet lighthouse " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Sue", "Sudo");

    try (PortalSession session = PortalSession.logIn(a, email, password)) {
      JsonNode[] masked = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var shown = session.send("GET", "/api/v1/tokens/default", null, false);
                masked[0] = shown.status() == 200 ? shown.json() : null;
                return masked[0] != null;
              });
      JsonNode before = session.session();
      assertThat(before.get("reauthenticateUrl").asString()).isEqualTo("/session/reauthenticate");
      Instant loggedIn = Instant.parse(before.get("authenticatedAt").asString());

      // auth_time counts whole seconds: the new login must fall in a later one
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> Instant.now().getEpochSecond() > loggedIn.getEpochSecond());
      URI landed = session.reauthenticate("/session?after=reauthentication", email, password);

      assertThat(landed.toString()).isEqualTo(a + "/session?after=reauthentication");
      Instant reauthenticated = Instant.parse(session.session().get("authenticatedAt").asString());
      assertThat(reauthenticated).isAfter(loggedIn);
      assertThat(accessTokenOf(session).get("auth_time").asLong())
          .as("the token relayed from now on carries the new login time")
          .isEqualTo(reauthenticated.getEpochSecond());

      JsonNode full = session.ok("GET", "/api/v1/tokens/default?reveal=true");
      assertThat(full.get("token").asString())
          .startsWith("wbt_")
          .endsWith(masked[0].get("lastFour").asString());
    }
  }

  private static String newEmail(String what) {
    return "e2e-" + what + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private static void awaitAccount(PortalSession session) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> session.send("GET", "/api/v1/account", null, false).status() == 200);
  }

  private static PortalSession.Response changePassword(
      PortalSession session, String current, String next) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("currentPassword", current);
    body.put("newPassword", next);
    body.put("confirmPassword", next);
    return session.write("POST", "/api/v1/account/password", JSON.writeValueAsString(body));
  }

  private static void assertEndsWithin5Seconds(PortalSession ended) {
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ended.send("GET", "/api/v1/account", null, false).status() == 401);
    System.out.printf(
        "[e2e] the other session got 401 after %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  /** The claims of the access token the session's store entry holds: what TokenRelay sends. */
  private JsonNode accessTokenOf(PortalSession session) {
    return jwtsIn(storedValues(SESSIONS + session.sessionCookie())).stream()
        .map(SessionsEndToEndIT::claims)
        .filter(claims -> "Bearer".equals(claims.path("typ").asString("")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no access token in the session's entry"));
  }

  private List<String> storedValues(String key) {
    Object type = redis.command("TYPE", key);
    List<String> values = new ArrayList<>();
    if ("hash".equals(type)) {
      for (Object value : (List<?>) redis.command("HVALS", key)) {
        values.add((String) value);
      }
    } else if ("string".equals(type)) {
      values.add((String) redis.command("GET", key));
    }
    return values;
  }

  private static List<String> jwtsIn(List<String> values) {
    List<String> found = new ArrayList<>();
    for (String value : values) {
      Matcher matcher = JWT.matcher(value);
      while (matcher.find()) {
        found.add(matcher.group());
      }
    }
    return found;
  }

  private static JsonNode claims(String jwt) {
    String payload = jwt.split("\\.")[1];
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}
