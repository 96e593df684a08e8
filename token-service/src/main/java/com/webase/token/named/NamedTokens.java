package com.webase.token.named;

import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.UrgentEvents;
import com.webase.platform.problem.ProblemException;
import com.webase.token.tokens.ApiToken;
import com.webase.token.tokens.ApiTokens;
import com.webase.token.tokens.NewTokens;
import com.webase.token.tokens.Scopes;
import com.webase.token.tokens.TokensProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tokens beyond the default one: named, limited to scopes, always expiring. */
@Service
public class NamedTokens {

  static final int MAX_NAME_LENGTH = 64;
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]+");

  private final ApiTokens tokens;
  private final NewTokens newTokens;
  private final UrgentEvents urgentEvents;
  private final TokensProperties properties;
  private final Clock clock;

  NamedTokens(
      ApiTokens tokens,
      NewTokens newTokens,
      UrgentEvents urgentEvents,
      TokensProperties properties,
      Clock clock) {
    this.urgentEvents = urgentEvents;
    this.tokens = tokens;
    this.newTokens = newTokens;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional
  public NewTokens.Issued create(
      String userId, String name, List<String> scopes, Instant expiresAt) {
    Instant now = clock.instant();
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw ProblemException.invalid("name", "must have 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (!PRINTABLE.matcher(trimmed).matches()) {
      throw ProblemException.invalid("name", "must not contain control characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw ProblemException.invalid("scopes", "must name at least one of " + Scopes.ALL);
    }
    for (String scope : scopes) {
      if (!Scopes.ALL.contains(scope)) {
        throw ProblemException.invalid("scopes", "'" + scope + "' is not one of " + Scopes.ALL);
      }
    }
    if (expiresAt == null
        || !expiresAt.isAfter(now)
        || expiresAt.isAfter(now.plus(properties.maxLifetime()))) {
      throw ProblemException.invalid(
          "expiresAt",
          "must be in the future and at most " + properties.maxLifetime().toDays() + " days away");
    }
    // concurrent creates wait here, so that the count below cannot be passed by all of them
    newTokens.lockAccount(userId);
    if (tokens.countActiveNamed(userId, now) >= properties.maxNamedTokens()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "too-many-tokens",
          "Too many tokens",
          "An account may have at most "
              + properties.maxNamedTokens()
              + " working named tokens; revoke one first.");
    }
    return newTokens.issue(
        userId,
        ApiToken.Kind.NAMED,
        trimmed,
        List.copyOf(new LinkedHashSet<>(scopes)),
        now,
        expiresAt);
  }

  /** Revokes one of the caller's named tokens at once. */
  @Transactional
  public void revoke(String userId, UUID tokenId) {
    ApiToken token =
        tokens
            .find(tokenId)
            .filter(t -> t.userId().equals(userId)) // someone else's token: as if it did not exist
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "token-not-found",
                        "Token not found",
                        "No such token."));
    if (token.kind() == ApiToken.Kind.DEFAULT) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "default-token-cannot-be-revoked",
          "The default token cannot be revoked",
          "Regenerate the default token instead: POST /api/v1/tokens/default/regenerate.");
    }
    Instant now = clock.instant();
    if (tokens.revoke(tokenId, now)) {
      urgentEvents.publish(
          new TokenRevoked(UUID.randomUUID(), now, userId, tokenId.toString(), now));
    }
  }
}
