package com.webase.token.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param encryptionSecret the secret the token encryption key is derived from (≥ 32 characters;
 *     from the environment, never the repository)
 * @param maxGracePeriod how long a regenerated default token may keep working at most
 * @param maxNamedTokens how many working named tokens one account may have
 * @param maxLifetime the longest expiry a named token may be given
 */
@ConfigurationProperties("webase.tokens")
public record TokensProperties(
    String encryptionSecret, Duration maxGracePeriod, int maxNamedTokens, Duration maxLifetime) {}
