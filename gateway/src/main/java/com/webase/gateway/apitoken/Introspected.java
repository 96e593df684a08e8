package com.webase.gateway.apitoken;

import java.time.Instant;
import java.util.List;

/**
 * token-service's answer for an active token, as the gateway keeps it.
 *
 * @param userId the owner ({@code sub})
 * @param tokenId the token's id, used to evict it when it is revoked
 * @param scopes what the token may do
 * @param jwt the short-lived token-service JWT forwarded to the services
 * @param jwtExpiresAt when {@code jwt} expires
 */
public record Introspected(
    String userId, String tokenId, List<String> scopes, String jwt, Instant jwtExpiresAt) {}
