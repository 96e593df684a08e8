package com.webase.gateway.apitoken;

import io.netty.channel.ChannelOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Asks token-service whether an API token is active ({@code POST /internal/v1/introspect}),
 * authenticated as the gateway with a client-credentials token from Keycloak (cached and renewed by
 * Spring Security before it expires).
 *
 * <p>The answer is empty for a token that is not active. Any failure to get an answer —
 * token-service or Keycloak down, too slow, an unexpected status — is an error, which the caller
 * turns into 503: an unknown token never passes.
 */
@Component
public class IntrospectionClient {

  static final String REGISTRATION = "webase-gateway";

  private final WebClient web;
  private final AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager clients;
  private final InMemoryReactiveOAuth2AuthorizedClientService authorized;
  private final ApiTokenProperties properties;

  IntrospectionClient(
      ReactiveClientRegistrationRepository registrations,
      ApiTokenProperties properties,
      WebClient.Builder webClients) {
    this.properties = properties;
    this.authorized = new InMemoryReactiveOAuth2AuthorizedClientService(registrations);
    this.clients =
        new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, authorized);
    clients.setAuthorizedClientProvider(
        ReactiveOAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    HttpClient http =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) properties.introspectionTimeout().toMillis())
            .responseTimeout(properties.introspectionTimeout());
    // Boot's builder, observed: the call is a span of the request's trace and a client metric
    this.web = webClients.clientConnector(new ReactorClientHttpConnector(http)).build();
  }

  public Mono<Optional<Introspected>> introspect(String token) {
    return clients
        .authorize(
            OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                .principal("gateway")
                .build())
        .switchIfEmpty(Mono.error(new IllegalStateException("no client-credentials token")))
        .flatMap(
            client ->
                web.post()
                    .uri(properties.introspectionUri())
                    .headers(h -> h.setBearerAuth(client.getAccessToken().getTokenValue()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("token", token))
                    .retrieve()
                    .bodyToMono(Answer.class)
                    .onErrorResume(
                        WebClientResponseException.Unauthorized.class,
                        refused ->
                            // our Keycloak token was refused (e.g. realm keys rotated): drop it so
                            // the next call fetches a new one, and fail this one
                            authorized
                                .removeAuthorizedClient(REGISTRATION, "gateway")
                                .then(Mono.error(refused))))
        .timeout(properties.introspectionTimeout().multipliedBy(2))
        .map(Answer::toIntrospected);
  }

  /** The wire form (RFC 7662 style; {@code exp} in epoch seconds is the JWT's expiry). */
  record Answer(
      boolean active, String sub, String tokenId, List<String> scopes, Long exp, String jwt) {

    Optional<Introspected> toIntrospected() {
      if (!active || sub == null || tokenId == null || jwt == null || exp == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Introspected(
              sub, tokenId, scopes == null ? List.of() : scopes, jwt, Instant.ofEpochSecond(exp)));
    }
  }
}
