package com.webase.token.defaulttoken;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import com.webase.token.tokens.TokensProperties;
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
import org.springframework.web.bind.annotation.RestController;

/** Account Settings' API token: show it, regenerate it. Only a person may do either. */
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

  DefaultTokenController(DefaultTokens defaultTokens, TokensProperties properties) {
    this.defaultTokens = defaultTokens;
    this.properties = properties;
  }

  @GetMapping
  ResponseEntity<DefaultTokenView> show(Caller caller) {
    PersonOnly.require(caller);
    return noStore(DefaultTokenView.of(defaultTokens.show(caller.userId()), null, null));
  }

  @PostMapping("/regenerate")
  ResponseEntity<DefaultTokenView> regenerate(
      Caller caller, @RequestBody(required = false) RegenerateRequest request) {
    PersonOnly.require(caller);
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

  record RegenerateRequest(Long gracePeriodSeconds) {}

  /**
   * @param header the request header a program sends the token in
   * @param previousTokenId after a regeneration: the token that was replaced
   * @param previousTokenValidUntil after a regeneration: when the replaced token stops working
   */
  record DefaultTokenView(
      UUID id,
      String token,
      String lastFour,
      List<String> scopes,
      Instant createdAt,
      String header,
      UUID previousTokenId,
      Instant previousTokenValidUntil) {

    static DefaultTokenView of(DefaultTokens.Shown shown, UUID previousId, Instant previousUntil) {
      return new DefaultTokenView(
          shown.stored().id(),
          shown.token(),
          shown.stored().lastFour(),
          shown.stored().scopes(),
          shown.stored().createdAt(),
          "x-api-token",
          previousId,
          previousUntil);
    }
  }
}
