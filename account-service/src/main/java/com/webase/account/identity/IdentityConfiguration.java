package com.webase.account.identity;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.ClientBuilderWrapper;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
class IdentityConfiguration {

  /** The admin client, with timeouts: a slow Keycloak must not hold request threads. */
  @Bean(destroyMethod = "close")
  Keycloak keycloakAdmin(KeycloakProperties properties) {
    if (properties.url() == null
        || properties.clientSecret() == null
        || properties.clientSecret().isBlank()) {
      throw new IllegalStateException(
          "webase.keycloak.url and webase.keycloak.client-secret (WEBASE_ACCOUNT_CLIENT_SECRET)"
              + " are required");
    }
    var client =
        ClientBuilderWrapper.create(null, false)
            .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .register(JacksonProvider.class, 100)
            .build();
    return KeycloakBuilder.builder()
        .serverUrl(properties.url())
        .realm(properties.realm())
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(properties.clientId())
        .clientSecret(properties.clientSecret())
        .resteasyClient(client)
        .build();
  }

  @Bean
  KeycloakUsers keycloakUsers(
      Keycloak admin,
      KeycloakProperties properties,
      MeterRegistry meters,
      RestClient.Builder restClients) {
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.connectTimeout());
    requests.setReadTimeout(properties.readTimeout());
    // Boot's builder (observed: the Keycloak calls are spans of the request's trace), cloned
    return new KeycloakUsers(
        admin, properties, restClients.clone().requestFactory(requests).build(), meters);
  }
}
