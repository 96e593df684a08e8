package com.webase.gateway.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /session}: what the portal asks first — is someone logged in, who, and the CSRF token
 * its unsafe requests must echo in {@code X-XSRF-TOKEN} (asking also sets the {@code XSRF-TOKEN}
 * cookie). Where to log in and out is part of the answer.
 */
@RestController
class SessionController {

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
              }
              body.put("csrfToken", token);
              body.put("csrfHeader", "X-XSRF-TOKEN");
              body.put("loginUrl", "/oauth2/authorization/" + PortalSecurity.PORTAL);
              body.put("logoutUrl", "/logout");
              return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
            });
  }
}
