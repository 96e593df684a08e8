package com.webase.gateway.portal;

import com.webase.gateway.problem.Problems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /session}: what the portal asks first — is someone logged in, who, since when ({@code
 * authenticatedAt}, the login's {@code auth_time}), and the CSRF token its unsafe requests must
 * echo in {@code X-XSRF-TOKEN} (asking also sets the {@code XSRF-TOKEN} cookie). Where to log in,
 * log out and re-authenticate is part of the answer.
 *
 * <p>{@code GET /session/reauthenticate?returnTo=/path}: the Keycloak login again with {@code
 * max_age=0} (the password is asked even within Keycloak's SSO session), then back to {@code
 * returnTo} — what an action that needs a recent login ({@code recent-login-required}) sends the
 * person through. {@code returnTo} must be a path on this origin ({@link ReturnTo}); without it the
 * browser returns to the after-login URL; anything else is a 400 problem {@code invalid-return-to}.
 */
@RestController
class SessionController {

  static final String REAUTHENTICATE_URL = "/session/reauthenticate";

  private final Problems problems;
  private final PortalProperties portal;

  SessionController(Problems problems, PortalProperties portal) {
    this.problems = problems;
    this.portal = portal;
  }

  @GetMapping("/session")
  Mono<ResponseEntity<Map<String, Object>>> session(
      @AuthenticationPrincipal OidcUser user, ServerWebExchange exchange) {
    Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
    return csrf.map(CsrfToken::getToken)
        .defaultIfEmpty("")
        .map(
            token -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("authenticated", user != null);
              if (user != null) {
                body.put("userId", user.getSubject());
                body.put("email", user.getEmail());
                body.put("name", user.getFullName());
                body.put(
                    "authenticatedAt",
                    user.getAuthenticatedAt() == null
                        ? null
                        : user.getAuthenticatedAt().toString());
              }
              body.put("csrfToken", token);
              body.put("csrfHeader", "X-XSRF-TOKEN");
              body.put("loginUrl", "/oauth2/authorization/" + PortalSecurity.PORTAL);
              body.put("logoutUrl", "/logout");
              body.put("reauthenticateUrl", REAUTHENTICATE_URL);
              if (portal.devMailboxUrl() != null && !portal.devMailboxUrl().isBlank()) {
                body.put("devMailboxUrl", portal.devMailboxUrl());
              }
              return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
            });
  }

  @GetMapping(REAUTHENTICATE_URL)
  Mono<Void> reauthenticate(
      @RequestParam(name = "returnTo", required = false) String returnTo,
      ServerWebExchange exchange) {
    if (returnTo != null && !ReturnTo.isSafe(returnTo)) {
      return problems.write(
          exchange,
          HttpStatus.BAD_REQUEST,
          "invalid-return-to",
          "Invalid returnTo",
          "returnTo must be a path on this site: it starts with a single '/', without '//', '\\',"
              + " spaces or control characters, at most "
              + ReturnTo.MAX_LENGTH
              + " characters.");
    }
    return exchange
        .getSession()
        .flatMap(
            session -> {
              if (returnTo == null) {
                session.getAttributes().remove(PortalSecurity.LoggedIn.RETURN_TO);
              } else {
                session.getAttributes().put(PortalSecurity.LoggedIn.RETURN_TO, returnTo);
              }
              var response = exchange.getResponse();
              response.setStatusCode(HttpStatus.FOUND);
              response
                  .getHeaders()
                  .setLocation(
                      URI.create(
                          "/oauth2/authorization/"
                              + PortalSecurity.PORTAL
                              + "?"
                              + PortalAuthorizationRequests.REAUTHENTICATE));
              response.getHeaders().setCacheControl(CacheControl.noStore());
              return response.setComplete();
            });
  }
}
