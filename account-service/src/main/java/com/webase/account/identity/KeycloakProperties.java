package com.webase.account.identity;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How account-service reaches Keycloak: its admin API with the {@code account-service} client's
 * service account (DESIGN §5), and the realm's token endpoint to check a current password.
 *
 * @param url Keycloak's base URL
 * @param realm the realm of Webase's users
 * @param clientId the confidential client whose service account holds the realm-management roles
 * @param clientSecret that client's secret: from the environment, never from the repository
 * @param connectTimeout how long to wait for a connection before answering 503
 * @param readTimeout how long to wait for an answer before answering 503
 */
@Validated
@ConfigurationProperties("webase.keycloak")
public record KeycloakProperties(
    @NotBlank String url,
    String realm,
    String clientId,
    String clientSecret,
    Duration connectTimeout,
    Duration readTimeout) {

  public KeycloakProperties {
    realm = realm == null ? "webase" : realm;
    clientId = clientId == null ? "account-service" : clientId;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
  }

  String tokenEndpoint() {
    return url + "/realms/" + realm + "/protocol/openid-connect/token";
  }

  String logoutEndpoint() {
    return url + "/realms/" + realm + "/protocol/openid-connect/logout";
  }
}
