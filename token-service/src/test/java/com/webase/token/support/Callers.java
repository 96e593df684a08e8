package com.webase.token.support;

import com.webase.testkit.KeycloakServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Requests to token-service as a person or as an API-token caller. People are Keycloak users made
 * for the tests and logged in through Keycloak's real login page, as the portal does, so that their
 * tokens carry {@code auth_time} (a password-grant token does not, and counts as an old login).
 */
public final class Callers {

  public static final String BROWSER_CLIENT = "token-service-tests";
  public static final String PASSWORD_CLIENT = "token-service-tests-password";

  private static final HttpClient http = HttpClient.newHttpClient();
  private static boolean clientsMade;
  private static Person shared;
  private static Instant sharedLoginAt;

  private final int port;

  public Callers(int port) {
    this.port = port;
  }

  /** A Keycloak user of the tests and one login of theirs. */
  public record Person(String id, String email, String password, String accessToken) {

    /** A login of the same person through the password grant: a token without auth_time. */
    public String passwordGrantToken() {
      return keycloak()
          .passwordGrant(PASSWORD_CLIENT, email, password)
          .get("access_token")
          .asString();
    }
  }

  /** A new person, logged in just now through the login page. */
  public static Person newPerson() {
    String email = "t-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    String password = "Token " + UUID.randomUUID() + " tests";
    String id = keycloak().createUser(email, password, "Tess", "Tokens");
    return new Person(id, email, password, login(email, password));
  }

  /**
   * The access token of one person shared by the tests, from a login of the last few minutes (so
   * that it is valid, and recent enough for the actions that need a recent login).
   */
  public static synchronized String person() {
    if (shared == null) {
      shared = newPerson();
      sharedLoginAt = Instant.now();
    } else if (sharedLoginAt.isBefore(Instant.now().minus(Duration.ofMinutes(3)))) {
      shared =
          new Person(
              shared.id(),
              shared.email(),
              shared.password(),
              login(shared.email(), shared.password()));
      sharedLoginAt = Instant.now();
    }
    return shared.accessToken();
  }

  /** The user id of the person behind {@link #person()}. */
  public static synchronized String personId() {
    person();
    return shared.id();
  }

  /** The internal JWT a program's API token is exchanged for at the gateway. */
  public static String program(String userId) {
    return TestTokenIssuer.tokenService().mint(userId, List.of("apps:read", "apps:write"));
  }

  public HttpResponse<String> send(String method, String path, String bearer, String json)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + bearer)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String login(String email, String password) {
    return keycloak().browserLogin(BROWSER_CLIENT, email, password).get("access_token").asString();
  }

  static synchronized KeycloakServer keycloak() {
    KeycloakServer keycloak = RealServers.keycloak();
    if (!clientsMade) {
      keycloak.createBrowserClient(BROWSER_CLIENT);
      keycloak.createDirectGrantClient(PASSWORD_CLIENT);
      clientsMade = true;
    }
    return keycloak;
  }
}
