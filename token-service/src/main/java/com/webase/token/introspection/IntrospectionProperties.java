package com.webase.token.introspection;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param audience the {@code aud} a caller's Keycloak token must carry
 * @param allowedClients the Keycloak clients ({@code azp}) that may introspect: the gateway
 * @param usageFlushInterval how often last-used times are written (at most one write per token per
 *     interval, never on the request path)
 */
@ConfigurationProperties("webase.tokens.introspection")
public record IntrospectionProperties(
    String audience, List<String> allowedClients, Duration usageFlushInterval) {}
