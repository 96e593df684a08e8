package com.webase.token.signing;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param issuer the {@code iss} of the JWTs; services trust it as the token-service issuer
 * @param jwkSet the signing keys as a JWK set with private keys, the signing key first (a secret)
 * @param generateIfMissing make a per-process key when none is configured (tests, one local
 *     instance); never in production, where replicas must share keys
 * @param jwtLifetime how long a minted JWT is valid (DESIGN §5: at most 5 minutes)
 */
@Validated
@ConfigurationProperties("webase.tokens.signing")
public record SigningProperties(
    @NotBlank String issuer, String jwkSet, boolean generateIfMissing, Duration jwtLifetime) {

  public SigningProperties {
    if (jwtLifetime == null || jwtLifetime.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("webase.tokens.signing.jwt-lifetime must be at most 5m");
    }
  }
}
