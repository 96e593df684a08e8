package com.webase.gateway.apitoken;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway checks {@code x-api-token}.
 *
 * @param introspectionUri token-service's introspection endpoint
 * @param introspectionTimeout how long one introspection may take before the caller gets a 503
 * @param cacheTtl the longest an introspection answer is reused; also capped by the life of the JWT
 *     it carries minus {@code jwtMargin}. A backstop: revocation events evict sooner.
 * @param jwtMargin how much life a cached JWT must have left to be forwarded
 * @param cacheMaxEntries the most tokens remembered at once
 * @param revocationGroupPrefix the prefix of this instance's own consumer group, so that every
 *     instance receives every revocation
 */
@Validated
@ConfigurationProperties("webase.gateway.api-token")
public record ApiTokenProperties(
    @NotBlank String introspectionUri,
    @NotNull Duration introspectionTimeout,
    @NotNull Duration cacheTtl,
    @NotNull Duration jwtMargin,
    @Positive long cacheMaxEntries,
    @NotBlank String revocationGroupPrefix) {}
