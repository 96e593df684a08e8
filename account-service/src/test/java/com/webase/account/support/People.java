package com.webase.account.support;

import com.webase.testkit.KeycloakServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TestTokenIssuer;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * People of the tests: each a new Keycloak user with a password, logged in through Keycloak's real
 * login page as the portal would (so their tokens carry {@code auth_time} and a session id).
 */
public final class People {

  public static final String BROWSER_CLIENT = "account-service-tests";
  public static final String PASSWORD_CLIENT = "account-service-tests-password";

  private static boolean clientsMade;

  private People() {}

  /** A person with a fresh Keycloak account, logged in once. */
  public record Person(String id, String email, String password, String name, JsonNode login) {

    public String accessToken() {
      return login.get("access_token").asString();
    }

    public String refreshToken() {
      return login.get("refresh_token").asString();
    }

    /** A second, separate login of the same person (another device). */
    public Person loginAgain() {
      return new Person(
          id, email, password, name, keycloak().browserLogin(BROWSER_CLIENT, email, password));
    }
  }

  public static Person newPerson(String firstName, String lastName) {
    String email = "p-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    String password = "Sturdy " + UUID.randomUUID() + " horse";
    String id = keycloak().createUser(email, password, firstName, lastName);
    return new Person(
        id,
        email,
        password,
        firstName + " " + lastName,
        keycloak().browserLogin(BROWSER_CLIENT, email, password));
  }

  public static Person newPerson() {
    return newPerson("Ada", "Tester");
  }

  /**
   * The token-service JWT a program's API token is exchanged for at the gateway, with the account
   * scopes (as the default token has).
   */
  public static String program(String userId) {
    return program(userId, "account:read", "account:write");
  }

  /** The same for an API token with just {@code scopes}. */
  public static String program(String userId, String... scopes) {
    return TestTokenIssuer.tokenService().mint(userId, List.of(scopes));
  }

  /** Whether Keycloak logs this user in with this password (password grant on a test client). */
  public static boolean keycloakAccepts(String username, String password) {
    try {
      keycloak().passwordGrant(PASSWORD_CLIENT, username, password);
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  public static synchronized KeycloakServer keycloak() {
    KeycloakServer keycloak = RealServers.keycloak();
    if (!clientsMade) {
      keycloak.createBrowserClient(BROWSER_CLIENT);
      keycloak.createDirectGrantClient(PASSWORD_CLIENT);
      clientsMade = true;
    }
    return keycloak;
  }
}
