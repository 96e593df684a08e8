package com.webase.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mints the short-lived JWT a request with an API token carries behind the gateway: {@code sub} the
 * user, {@code scope} the token's scopes, {@code token_id}, audience {@code webase-services}.
 */
public final class ServiceJwts {

  public static final String AUDIENCE = "webase-services";

  private final SigningKeys keys;
  private final SigningProperties properties;

  ServiceJwts(SigningKeys keys, SigningProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  /** A JWT valid from {@code now} until the earlier of its lifetime and {@code notAfter}. */
  public Minted mint(
      String userId, String tokenId, List<String> scopes, Instant now, Instant notAfter) {
    Instant expires = now.plus(properties.jwtLifetime());
    if (notAfter != null && notAfter.isBefore(expires)) {
      expires = notAfter;
    }
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(properties.issuer())
            .subject(userId)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .claim("scope", String.join(" ", scopes))
            .claim("token_id", tokenId)
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.current().getKeyID()).build(),
              claims);
      jwt.sign(new RSASSASigner(keys.current()));
      return new Minted(jwt.serialize(), expires);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a JWT", e);
    }
  }

  public record Minted(String jwt, Instant expiresAt) {}

  @Configuration
  @EnableConfigurationProperties(SigningProperties.class)
  static class Wiring {
    @Bean
    SigningKeys signingKeys(SigningProperties properties) {
      return SigningKeys.from(properties.jwkSet(), properties.generateIfMissing());
    }

    @Bean
    ServiceJwts serviceJwts(SigningKeys keys, SigningProperties properties) {
      return new ServiceJwts(keys, properties);
    }
  }
}
