package com.webase.token.introspection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param audience the {@code aud} a caller's Keycloak token must carry
 * @param allowedClients the Keycloak clients ({@code azp}) that may introspect: the gateway
 * @param usageFlushInterval how often last-used times are written (at most one write per token per
 *     interval, never on the request path)
 */
@Validated
@ConfigurationProperties("webase.tokens.introspection")
public record IntrospectionProperties(
    @NotBlank String audience,
    @NotEmpty List<String> allowedClients,
    @NotNull Duration usageFlushInterval) {}
