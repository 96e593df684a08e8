package com.webase.platform.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers a {@link Caller} parameter built from the validated JWT. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  private final SecurityProperties properties;

  CallerArgumentResolver(SecurityProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType().equals(Caller.class);
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new IllegalStateException("Caller is only available on authenticated requests");
    }
    return callerOf(token.getToken());
  }

  /** The caller a validated token stands for; the kind comes from which issuer signed it. */
  public Caller callerOf(Jwt jwt) {
    String issuer = jwt.getIssuer() == null ? null : jwt.getIssuer().toString();
    Caller.Kind kind =
        properties.issuers().values().stream()
            .filter(i -> i.issuerUri().equals(issuer))
            .map(SecurityProperties.Issuer::callerKind)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("untrusted issuer " + issuer));
    String scope = jwt.getClaimAsString("scope");
    Set<String> scopes =
        scope == null || kind == Caller.Kind.PERSON
            ? Set.of()
            : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    // not iat: a refreshed token is new, the login behind it is not
    Instant authTime = jwt.getClaimAsInstant("auth_time");
    String tokenId = kind == Caller.Kind.API_TOKEN ? jwt.getClaimAsString("token_id") : null;
    return new Caller(jwt.getSubject(), kind, Set.copyOf(scopes), authTime, tokenId);
  }
}
