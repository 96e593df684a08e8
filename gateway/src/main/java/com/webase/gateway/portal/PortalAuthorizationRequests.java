package com.webase.gateway.portal;

import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The authorization requests sent to Keycloak: always with PKCE; with {@code max_age=0} when the
 * login was started by {@code /session/reauthenticate} (query parameter {@value #REAUTHENTICATE}),
 * so Keycloak asks for the password again even within its own SSO session and the new tokens carry
 * a fresh {@code auth_time}.
 */
final class PortalAuthorizationRequests implements ServerOAuth2AuthorizationRequestResolver {

  static final String REAUTHENTICATE = "reauthenticate";

  private final DefaultServerOAuth2AuthorizationRequestResolver login;
  private final DefaultServerOAuth2AuthorizationRequestResolver reauthentication;

  PortalAuthorizationRequests(ReactiveClientRegistrationRepository registrations) {
    login = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
    login.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    reauthentication = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
    reauthentication.setAuthorizationRequestCustomizer(
        OAuth2AuthorizationRequestCustomizers.withPkce()
            .andThen(request -> request.additionalParameters(p -> p.put("max_age", "0"))));
  }

  @Override
  public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
    return choose(exchange).resolve(exchange);
  }

  @Override
  public Mono<OAuth2AuthorizationRequest> resolve(
      ServerWebExchange exchange, String clientRegistrationId) {
    return choose(exchange).resolve(exchange, clientRegistrationId);
  }

  private DefaultServerOAuth2AuthorizationRequestResolver choose(ServerWebExchange exchange) {
    return exchange.getRequest().getQueryParams().containsKey(REAUTHENTICATE)
        ? reauthentication
        : login;
  }
}
