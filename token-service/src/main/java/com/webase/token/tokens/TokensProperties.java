package com.webase.token.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxGracePeriod how long a regenerated default token may keep working at most
 * @param maxNamedTokens how many working named tokens one account may have
 * @param defaultLifetime the expiry of a named token created without {@code expiresAt}
 * @param maxLifetime the longest expiry a named token may be given
 * @param recentLogin sudo mode: showing the full default token, regenerating it and creating a
 *     named token need a portal login younger than this (DESIGN §5)
 */
@Validated
@ConfigurationProperties("webase.tokens")
public record TokensProperties(
    Duration maxGracePeriod,
    int maxNamedTokens,
    Duration defaultLifetime,
    Duration maxLifetime,
    Duration recentLogin) {

  public TokensProperties {
    maxGracePeriod = maxGracePeriod == null ? Duration.ofHours(1) : maxGracePeriod;
    maxNamedTokens = maxNamedTokens <= 0 ? 50 : maxNamedTokens;
    defaultLifetime = defaultLifetime == null ? Duration.ofDays(90) : defaultLifetime;
    maxLifetime = maxLifetime == null ? Duration.ofDays(366) : maxLifetime;
    recentLogin = recentLogin == null ? Duration.ofMinutes(15) : recentLogin;
    if (defaultLifetime.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException(
          "webase.tokens.default-lifetime must not be longer than webase.tokens.max-lifetime");
    }
  }
}
