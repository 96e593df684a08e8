package com.webase.gateway.portal;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param keycloakUrl Keycloak's base URL, as the browser and the gateway both reach it
 * @param realm the realm (webase)
 * @param portalClientSecret the {@code webase-portal} client's secret (from the environment)
 * @param gatewayClientSecret the {@code webase-gateway} client's secret (from the environment)
 * @param afterLoginUrl where the browser goes after logging in and out
 * @param sessionTimeout how long a logged-in session lives without requests
 * @param pendingLoginTimeout how long a session that only holds a login in progress lives (the
 *     store's default: a session becomes a logged-in one at the login's callback)
 * @param sessionRegistryLifetime how long the gateway remembers which Keycloak session ({@code
 *     sid}) a portal session belongs to, for back-channel logout; at least Keycloak's longest SSO
 *     session
 * @param devMailboxUrl a development stack's mailbox (every mail it sent), linked from the portal's
 *     footer so that a verification link can be followed; empty in production
 */
@Validated
@ConfigurationProperties("webase.portal")
public record PortalProperties(
    @NotBlank String keycloakUrl,
    @NotBlank String realm,
    String portalClientSecret,
    String gatewayClientSecret,
    String afterLoginUrl,
    Duration sessionTimeout,
    Duration pendingLoginTimeout,
    Duration sessionRegistryLifetime,
    String devMailboxUrl) {

  String issuer() {
    return keycloakUrl + "/realms/" + realm;
  }

  String endpoint(String name) {
    return issuer() + "/protocol/openid-connect/" + name;
  }
}
