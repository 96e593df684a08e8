package com.webase.token.defaulttoken;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.webase.platform.apidocs.NeedsRecentLogin;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import com.webase.token.tokens.ApiToken;
import com.webase.token.tokens.TokensProperties;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account Settings' API token. Only a person may see or regenerate it (DESIGN §5):
 *
 * <ul>
 *   <li>{@code GET /api/v1/tokens/default} — the masked view: id, {@code display} (prefix and last
 *       four), scopes, creation time; {@code token} is absent. Any portal session may read it.
 *   <li>{@code GET /api/v1/tokens/default?reveal=true} — the full token in {@code token}: sudo
 *       mode, a login younger than {@code webase.tokens.recent-login} (15 minutes), else 401 {@code
 *       recent-login-required} with {@code reauthenticateUrl}.
 *   <li>{@code POST /api/v1/tokens/default/regenerate} — a new token (shown in full): sudo mode
 *       too.
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/tokens/default")
class DefaultTokenController {

  /**
   * Tells the gateway that served the request which token this response revoked, so that it forgets
   * it before the response leaves (the gateway removes the header).
   */
  static final String REVOKED_TOKEN_HEADER = "Webase-Revoked-Token-Id";

  private final DefaultTokens defaultTokens;
  private final TokensProperties properties;
  private final Clock clock;

  DefaultTokenController(DefaultTokens defaultTokens, TokensProperties properties, Clock clock) {
    this.defaultTokens = defaultTokens;
    this.properties = properties;
    this.clock = clock;
  }

  @NeedsRecentLogin
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(status = 410, type = "account-deleted", when = "the account was deleted")
  @ProblemResponse(
      status = 503,
      type = "token-not-readable",
      when = "the token cannot be decrypted right now")
  @GetMapping
  ResponseEntity<DefaultTokenView> show(
      Caller caller,
      @Parameter(
              description =
                  "true: the full token (needs a login of the last minutes); otherwise it is masked.")
          @RequestParam(defaultValue = "false")
          boolean reveal) {
    if (!reveal) {
      PersonOnly.require(caller);
      return noStore(DefaultTokenView.masked(defaultTokens.ensureExists(caller.userId())));
    }
    // the token has every scope: a hijacked session must not be able to carry it away
    PersonOnly.requireRecentLogin(
        caller, properties.recentLogin(), clock, "To see the full token, log in again");
    return noStore(DefaultTokenView.of(defaultTokens.show(caller.userId()), null, null));
  }

  @NeedsRecentLogin
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(status = 410, type = "account-deleted", when = "the account was deleted")
  @PostMapping("/regenerate")
  ResponseEntity<DefaultTokenView> regenerate(
      Caller caller, @RequestBody(required = false) RegenerateRequest request) {
    PersonOnly.requireRecentLogin(
        caller, properties.recentLogin(), clock, "To regenerate the token, log in again");
    long graceSeconds =
        request == null || request.gracePeriodSeconds() == null ? 0 : request.gracePeriodSeconds();
    long maxGrace = properties.maxGracePeriod().toSeconds();
    if (graceSeconds < 0 || graceSeconds > maxGrace) {
      throw ProblemException.invalid(
          "gracePeriodSeconds", "must be between 0 and " + maxGrace + " seconds");
    }
    var regenerated = defaultTokens.regenerate(caller.userId(), Duration.ofSeconds(graceSeconds));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header(REVOKED_TOKEN_HEADER, regenerated.previousTokenId().toString())
        .body(
            DefaultTokenView.of(
                regenerated.current(),
                regenerated.previousTokenId(),
                regenerated.previousValidUntil()));
  }

  /** The token is a credential: no cache may keep the response. */
  private static ResponseEntity<DefaultTokenView> noStore(DefaultTokenView view) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
  }

  record RegenerateRequest(
      @Schema(
              description =
                  "How long the old token keeps working, for zero-downtime rotation; 0 or absent: it stops at once.",
              minimum = "0")
          Long gracePeriodSeconds) {}

  /**
   * @param token the full token; absent (null) in the masked view
   * @param display what a person sees without revealing: the prefix and the last four
   * @param header the request header a program sends the token in
   * @param previousTokenId after a regeneration: the token that was replaced
   * @param previousTokenValidUntil after a regeneration: when the replaced token stops working
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DefaultTokenView(
      @Schema(description = "The token's id.") UUID id,
      @Schema(description = "The full token; absent in the masked view.") String token,
      @Schema(
              description =
                  "What a person sees without revealing it: the prefix and the last four.")
          String display,
      @Schema(description = "The token's last four characters.") String lastFour,
      @Schema(description = "What it may do: every scope.") List<String> scopes,
      @Schema(description = "When it was created.") Instant createdAt,
      @Schema(description = "The request header a program sends it in: x-api-token.") String header,
      @Schema(description = "After a regeneration: the token that was replaced.")
          UUID previousTokenId,
      @Schema(description = "After a regeneration: when the replaced token stops working.")
          Instant previousTokenValidUntil) {

    static DefaultTokenView of(DefaultTokens.Shown shown, UUID previousId, Instant previousUntil) {
      ApiToken stored = shown.stored();
      return new DefaultTokenView(
          stored.id(),
          shown.token(),
          "wbt_…" + stored.lastFour(),
          stored.lastFour(),
          stored.scopes(),
          stored.createdAt(),
          "x-api-token",
          previousId,
          previousUntil);
    }

    static DefaultTokenView masked(ApiToken stored) {
      return new DefaultTokenView(
          stored.id(),
          null,
          "wbt_…" + stored.lastFour(),
          stored.lastFour(),
          stored.scopes(),
          stored.createdAt(),
          "x-api-token",
          null,
          null);
    }
  }
}
