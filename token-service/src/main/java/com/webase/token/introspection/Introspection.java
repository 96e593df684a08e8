package com.webase.token.introspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.webase.apitoken.ApiTokenFormat;
import com.webase.token.secret.TokenVault;
import com.webase.token.signing.ServiceJwts;
import com.webase.token.tokens.ApiToken;
import com.webase.token.tokens.ApiTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Answers the gateway's question "may this API token in?" (DESIGN §5). A token that is not even
 * well formed is refused without a database look-up. An active one gets a short-lived JWT for the
 * services behind the gateway.
 */
@Service
public class Introspection {

  private final ApiTokens tokens;
  private final ServiceJwts jwts;
  private final TokenUsage usage;
  private final MeterRegistry meters;
  private final Clock clock;

  Introspection(
      ApiTokens tokens, ServiceJwts jwts, TokenUsage usage, MeterRegistry meters, Clock clock) {
    this.tokens = tokens;
    this.jwts = jwts;
    this.usage = usage;
    this.meters = meters;
    this.clock = clock;
  }

  public Result introspect(String token) {
    if (!ApiTokenFormat.isWellFormed(token)) {
      return inactive("malformed");
    }
    Optional<ApiToken> found = tokens.findByHash(TokenVault.hash(token));
    Instant now = clock.instant();
    if (found.isEmpty()) {
      return inactive("unknown");
    }
    ApiToken stored = found.get();
    if (!stored.isActiveAt(now)) {
      return inactive("revoked-or-expired");
    }
    usage.record(stored.id(), now);
    Instant notAfter = earliest(stored.revokedAt(), stored.expiresAt());
    var minted = jwts.mint(stored.userId(), stored.id().toString(), stored.scopes(), now, notAfter);
    meters.counter("webase.tokens.introspections", "outcome", "active").increment();
    return new Result(
        true,
        stored.userId(),
        stored.id().toString(),
        stored.scopes(),
        minted.expiresAt().getEpochSecond(),
        minted.jwt());
  }

  private Result inactive(String reason) {
    meters.counter("webase.tokens.introspections", "outcome", reason).increment();
    return Result.INACTIVE;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * The answer (RFC 7662 style): for an active token, whose it is, what it may do, until when the
   * answer holds ({@code exp}, epoch seconds) and the JWT to forward; for any other, only {@code
   * {"active":false}}, which tells nothing about why.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      boolean active, String sub, String tokenId, List<String> scopes, Long exp, String jwt) {
    static final Result INACTIVE = new Result(false, null, null, null, null, null);
  }
}
