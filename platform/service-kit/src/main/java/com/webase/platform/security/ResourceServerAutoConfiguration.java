package com.webase.platform.security;

import com.webase.platform.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server that accepts JWTs from exactly the configured issuers,
 * each checked for signature (the issuer's JWKS), issuer, expiry and audience. Anything else gets
 * 401 with a problem body.
 *
 * <p>Actuator is served on the management port only ({@code management.server.port}), which this
 * chain guards too: there health, info and metrics are open to probes and Prometheus, and the port
 * belongs on the cluster's internal network, never behind the gateway or a public load balancer
 * (docs/OPERATIONS.md). On the public port nothing is mapped under {@code /actuator}, and the path
 * is let through so that it answers what it is, a 404 problem, rather than a 401 that would say
 * something lies behind a login.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

  private static final List<String> OPERATIONS_PATHS = List.of("/actuator/**", "/error");

  @Bean
  SecurityFilterChain webaseResourceServer(
      HttpSecurity http, SecurityProperties properties, ProblemResponses problems)
      throws Exception {
    JwtIssuerAuthenticationManagerResolver issuers = trustedIssuers(properties);
    AuthenticationEntryPoint unauthenticated =
        problems.unauthenticated("A valid bearer token from a trusted issuer is required.");
    http.csrf(csrf -> csrf.disable()) // bearer tokens only; the gateway guards browser sessions
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests -> {
              requests.requestMatchers(OPERATIONS_PATHS.toArray(String[]::new)).permitAll();
              if (!properties.publicPaths().isEmpty()) {
                requests
                    .requestMatchers(properties.publicPaths().toArray(String[]::new))
                    .permitAll();
              }
              requests.anyRequest().authenticated();
            })
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .authenticationManagerResolver(issuers)
                    .authenticationEntryPoint(unauthenticated))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Forbidden",
                                "The caller may not do this.")));
    return http.build();
  }

  private static JwtIssuerAuthenticationManagerResolver trustedIssuers(
      SecurityProperties properties) {
    Map<String, AuthenticationManager> managers = new HashMap<>();
    properties
        .issuers()
        .forEach(
            (name, issuer) -> {
              if (issuer.issuerUri() == null || issuer.jwkSetUri() == null) {
                throw new IllegalStateException(
                    "webase.security.issuers." + name + " needs issuer-uri and jwk-set-uri");
              }
              // signing keys are fetched on first use, so a service starts while an issuer is down
              NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
              OAuth2TokenValidator<Jwt> audience =
                  new JwtClaimValidator<List<String>>(
                      "aud", aud -> aud != null && aud.contains(properties.audience()));
              decoder.setJwtValidator(
                  new DelegatingOAuth2TokenValidator<>(
                      JwtValidators.createDefaultWithIssuer(issuer.issuerUri()), audience));
              JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
              managers.put(issuer.issuerUri(), provider::authenticate);
            });
    // an issuer that is not in the map resolves to null: the token is refused
    return new JwtIssuerAuthenticationManagerResolver(managers::get);
  }

  /**
   * A path Spring Security's firewall refuses ({@code ..}, {@code //}, encoded slashes or dots, a
   * NUL): a 400 problem that says so, where the firewall's default is an empty 400.
   */
  @Bean
  RequestRejectedHandler requestRejectedProblem(ProblemResponses problems) {
    return (request, response, rejected) ->
        problems.write(
            response,
            HttpStatus.BAD_REQUEST,
            "malformed-request-path",
            "Malformed request path",
            "The request path is not accepted: it must not contain '..' or '.' segments, '//',"
                + " encoded slashes, dots or control characters.");
  }

  /** Ahead of security: a raw API token is refused before anything else looks at the request. */
  @Bean
  FilterRegistrationBean<ApiTokenHeaderGuard> apiTokenHeaderGuard(
      ProblemResponses problems, MeterRegistry meters) {
    var registration = new FilterRegistrationBean<>(new ApiTokenHeaderGuard(problems, meters));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  CallerArgumentResolver callerArgumentResolver(SecurityProperties properties) {
    return new CallerArgumentResolver(properties);
  }

  @Bean
  WebMvcConfigurer callerArgument(CallerArgumentResolver resolver) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
      }
    };
  }
}
