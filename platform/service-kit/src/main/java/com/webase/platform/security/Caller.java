package com.webase.platform.security;

import com.webase.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Who is calling: the user the request acts for, and how they proved it. Controllers take it as a
 * method parameter.
 *
 * @param userId the Keycloak user id ({@code sub}), the same for both kinds of caller
 * @param kind a person with a portal login, or a program with an API token
 * @param scopes for API tokens, what the token may do; a person may do everything they own
 * @param authenticatedAt when the person last logged in ({@code auth_time}); null for API tokens
 * @param tokenId for API tokens, the id of the token the program called with; null for people
 */
public record Caller(
    String userId, Kind kind, Set<String> scopes, Instant authenticatedAt, String tokenId) {

  public enum Kind {
    PERSON,
    API_TOKEN
  }

  public boolean isPerson() {
    return kind == Kind.PERSON;
  }

  /** Whether this is a person whose login is younger than {@code maxAge} (DESIGN §5). */
  public boolean loggedInWithin(Duration maxAge, Instant now) {
    return isPerson() && authenticatedAt != null && !authenticatedAt.isBefore(now.minus(maxAge));
  }

  /** Whether the caller may do what {@code scope} names. */
  public boolean may(String scope) {
    return isPerson() || scopes.contains(scope);
  }

  /**
   * Refuses an API-token caller whose token lacks {@code scope} with 403 {@code
   * insufficient-scope}, as the gateway does: a service checks again, so that a route the gateway
   * has no rule for is still bounded by the token's scopes (DESIGN §5).
   */
  public void requireScope(String scope) {
    if (!may(scope)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "insufficient-scope",
          "The token lacks a scope",
          "This API token does not have the scope '" + scope + "' needed here.");
    }
  }
}
