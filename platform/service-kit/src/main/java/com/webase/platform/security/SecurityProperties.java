package com.webase.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which JWT issuers a service trusts (DESIGN §2: the Keycloak realm and token-service, nothing
 * else) and what the tokens must say.
 *
 * @param audience the {@code aud} every accepted token must contain
 * @param issuers trusted issuers by name
 * @param publicPaths request paths (Ant patterns) that need no token, e.g. an email verification
 *     link opened on another device
 */
@Validated
@ConfigurationProperties("webase.security")
public record SecurityProperties(
    String audience, @NotEmpty Map<String, @Valid Issuer> issuers, List<String> publicPaths) {

  public SecurityProperties {
    audience = audience == null ? "webase-services" : audience;
    issuers = issuers == null ? Map.of() : Map.copyOf(issuers);
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
  }

  /**
   * @param issuerUri the exact {@code iss} of its tokens
   * @param jwkSetUri where its signing keys are published
   * @param callerKind who its tokens stand for
   */
  public record Issuer(
      @NotBlank String issuerUri, @NotBlank String jwkSetUri, @NotNull Caller.Kind callerKind) {}
}
