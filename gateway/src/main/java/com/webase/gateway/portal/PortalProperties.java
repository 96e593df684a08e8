package com.webase.gateway.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keycloakUrl Keycloak's base URL, as the browser and the gateway both reach it
 * @param realm the realm (webase)
 * @param portalClientSecret the {@code webase-portal} client's secret (from the environment)
 * @param gatewayClientSecret the {@code webase-gateway} client's secret (from the environment)
 * @param afterLoginUrl where the browser goes after logging in and out
 */
@ConfigurationProperties("webase.portal")
public record PortalProperties(
    String keycloakUrl,
    String realm,
    String portalClientSecret,
    String gatewayClientSecret,
    String afterLoginUrl) {

  String issuer() {
    return keycloakUrl + "/realms/" + realm;
  }

  String endpoint(String name) {
    return issuer() + "/protocol/openid-connect/" + name;
  }
}
