package com.webase.token.introspection;

import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.SecurityProperties;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Only the gateway may introspect: {@code /internal/**} accepts nothing but a Keycloak
 * client-credentials token whose audience is token-service and whose client ({@code azp}) is an
 * allowed one. A person's or a program's token is refused here, whatever it may do elsewhere.
 */
@Configuration
@EnableConfigurationProperties(IntrospectionProperties.class)
class IntrospectionSecurity {

  @Bean
  @Order(1)
  SecurityFilterChain introspectionCallers(
      HttpSecurity http,
      SecurityProperties security,
      IntrospectionProperties properties,
      ProblemResponses problems)
      throws Exception {
    var keycloak = security.issuers().get("keycloak");
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.jwkSetUri()).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(keycloak.issuerUri()),
            new JwtClaimValidator<List<String>>(
                "aud", aud -> aud != null && aud.contains(properties.audience())),
            new JwtClaimValidator<String>(
                "azp", azp -> azp != null && properties.allowedClients().contains(azp))));
    AuthenticationEntryPoint refused =
        problems.unauthenticated("Only the gateway may call this endpoint.");
    http.securityMatcher("/internal/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .oauth2ResourceServer(
            oauth2 -> oauth2.jwt(jwt -> jwt.decoder(decoder)).authenticationEntryPoint(refused))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refused));
    return http.build();
  }
}
