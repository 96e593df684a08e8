package com.webase.token.named;

import com.webase.platform.apidocs.NeedsRecentLogin;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import com.webase.token.tokens.ApiToken;
import com.webase.token.tokens.ApiTokens;
import com.webase.token.tokens.TokensProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Named tokens: create (the token is shown once), list (last four only), revoke. People only. */
@RestController
@RequestMapping("/api/v1/tokens")
class NamedTokenController {

  private static final int MAX_PAGE = 100;

  private final NamedTokens namedTokens;
  private final ApiTokens tokens;
  private final TokensProperties properties;
  private final Clock clock;

  NamedTokenController(
      NamedTokens namedTokens, ApiTokens tokens, TokensProperties properties, Clock clock) {
    this.namedTokens = namedTokens;
    this.tokens = tokens;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Creates a named token, shown once. Sudo mode: needs a login younger than {@code
   * webase.tokens.recent-login} (DESIGN §5). Without {@code expiresAt} it expires after {@code
   * webase.tokens.default-lifetime} (90 days); {@code "expiresAt": null} or anything but a future
   * date-time within {@code max-lifetime} (366 days) is refused: named tokens always expire.
   */
  @SuccessStatus(201)
  @NeedsRecentLogin
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(
      status = 409,
      type = "too-many-tokens",
      when = "the account has as many tokens as allowed")
  @ProblemResponse(status = 410, type = "account-deleted", when = "the account was deleted")
  @PostMapping
  ResponseEntity<CreatedToken> create(Caller caller, @RequestBody CreateRequest request) {
    PersonOnly.requireRecentLogin(
        caller, properties.recentLogin(), clock, "To create a token, log in again");
    var issued =
        namedTokens.create(
            caller.userId(), request.name(), request.scopes(), expiryOf(request.expiresAt()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(new CreatedToken(TokenSummary.of(issued.stored(), clock.instant()), issued.token()));
  }

  @GetMapping
  TokenPage list(
      Caller caller,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    PersonOnly.require(caller);
    PageCursor.checkLimit(limit, MAX_PAGE);
    PageCursor after = PageCursor.parseOrStart(cursor);
    List<ApiToken> page = tokens.page(caller.userId(), after.at(), after.id(), limit + 1);
    Instant now = clock.instant();
    List<TokenSummary> items =
        page.stream().limit(limit).map(t -> TokenSummary.of(t, now)).toList();
    String next =
        PageCursor.nextAfter(page, limit, last -> new PageCursor(last.createdAt(), last.id()));
    return new TokenPage(items, next);
  }

  /**
   * {@code GET /api/v1/tokens/current}: what a program may ask about the token it calls with — its
   * id, kind, scopes and expiry — to check its own setup. The only token endpoint open to API-token
   * callers; it shows no secret.
   */
  @ProblemResponse(
      status = 400,
      type = "not-an-api-token-call",
      when = "called without an API token")
  @ProblemResponse(
      status = 404,
      type = "token-not-found",
      when = "the calling token no longer exists")
  @GetMapping("/current")
  ResponseEntity<TokenSummary> current(Caller caller) {
    if (caller.isPerson() || caller.tokenId() == null) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "not-an-api-token-call",
          "Not called with an API token",
          "This describes the API token a program calls with (x-api-token through the gateway).");
    }
    ApiToken token =
        parseId(caller.tokenId())
            .flatMap(tokens::find)
            .filter(t -> t.userId().equals(caller.userId()))
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "token-not-found",
                        "Token not found",
                        "The token of this call no longer exists."));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(TokenSummary.of(token, clock.instant()));
  }

  private static java.util.Optional<UUID> parseId(String id) {
    try {
      return java.util.Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException notOurs) {
      return java.util.Optional.empty();
    }
  }

  @SuccessStatus(204)
  @ProblemResponse(status = 404, type = "token-not-found", when = "no such token of this account")
  @ProblemResponse(
      status = 409,
      type = "default-token-cannot-be-revoked",
      when = "the default token is regenerated, not revoked")
  @DeleteMapping("/{tokenId}")
  ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID tokenId) {
    PersonOnly.require(caller);
    namedTokens.revoke(caller.userId(), tokenId);
    // the gateway that served this forgets the token before the response leaves
    return ResponseEntity.noContent().header("Webase-Revoked-Token-Id", tokenId.toString()).build();
  }

  /** Absent: the default lifetime; an explicit null ("never") or a non-date-time: refused. */
  private Instant expiryOf(JsonNode expiresAt) {
    if (expiresAt == null) {
      return clock.instant().plus(properties.defaultLifetime());
    }
    String reason =
        "must be a date-time (ISO 8601) at most "
            + properties.maxLifetime().toDays()
            + " days away; named tokens always expire (leave it out for "
            + properties.defaultLifetime().toDays()
            + " days)";
    if (!expiresAt.isString()) {
      throw ProblemException.invalid("expiresAt", reason);
    }
    try {
      return Instant.parse(expiresAt.asString());
    } catch (java.time.format.DateTimeParseException notADateTime) {
      throw ProblemException.invalid("expiresAt", reason);
    }
  }

  /**
   * @param expiresAt read as a JSON node, so that an explicit {@code null} can be told from an
   *     absent field
   */
  record CreateRequest(
      @Schema(
              description = "A name to recognise the token by.",
              maxLength = NamedTokens.MAX_NAME_LENGTH)
          String name,
      @Schema(
              description =
                  "What the token may do: account:read, account:write, apps:read, apps:write, records:read, records:write, deploy.")
          List<String> scopes,
      @Schema(
              description =
                  "When it stops working: a future date-time within 366 days; 90 days from now when absent.",
              type = "string",
              format = "date-time")
          JsonNode expiresAt) {}

  record CreatedToken(
      @Schema(description = "The token as lists show it.") TokenSummary details,
      @Schema(description = "The token itself: shown this once, never again.") String token) {}

  record TokenPage(List<TokenSummary> items, String nextCursor) {}

  /** What a list shows of a token: never the token, only its prefix and last four. */
  record TokenSummary(
      @Schema(description = "The token's id.") UUID id,
      @Schema(description = "Its name (the default token is \"Default token\").") String name,
      @Schema(description = "default or named.") String kind,
      @Schema(description = "What a person sees: the prefix and the last four characters.")
          String display,
      @Schema(description = "What it may do.") List<String> scopes,
      @Schema(description = "When it was created.") Instant createdAt,
      @Schema(description = "When it stops working; absent if never.") Instant expiresAt,
      @Schema(description = "When it was revoked; absent if it was not.") Instant revokedAt,
      @Schema(description = "When it was last used (to the minute); absent if never.")
          Instant lastUsedAt,
      @Schema(description = "Whether it works now.") boolean active) {

    static TokenSummary of(ApiToken token, Instant now) {
      return new TokenSummary(
          token.id(),
          token.name(),
          token.kind().name().toLowerCase(),
          "wbt_…" + token.lastFour(),
          token.scopes(),
          token.createdAt(),
          token.expiresAt(),
          token.revokedAt(),
          token.lastUsedAt(),
          token.isActiveAt(now));
    }
  }
}
