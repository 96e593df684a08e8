package com.webase.testkit.spring;

import com.webase.testkit.KeycloakServer;
import com.webase.testkit.PostgresServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TestTokenIssuer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a {@link WebaseServiceTest} at the real servers, overriding what the service's own
 * configuration says, so a service test runs the production wiring against real infrastructure.
 */
public class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    WebaseServiceTest test =
        AnnotatedElementUtils.findMergedAnnotation(testClass, WebaseServiceTest.class);
    return test == null
        ? null
        : new RealServersCustomizer(test.keycloak(), test.database(), test.redis());
  }

  /** Equal for equal settings, so Spring caches one context per service and settings. */
  record RealServersCustomizer(boolean keycloak, boolean database, boolean redis)
      implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      var env = context.getEnvironment();
      Map<String, Object> properties = new LinkedHashMap<>();
      if (database) {
        String name =
            env.getProperty("spring.application.name", "webase").replace('-', '_').toLowerCase();
        PostgresServer postgres = RealServers.postgres();
        properties.put("spring.datasource.url", postgres.createDatabase(name));
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
      }
      properties.put("spring.kafka.bootstrap-servers", RealServers.kafka().bootstrapServers());
      if (redis) {
        properties.put("spring.data.redis.url", RealServers.redis().url());
      }
      properties.put("spring.mail.host", RealServers.smtp().host());
      properties.put("spring.mail.port", RealServers.smtp().port());
      TestTokenIssuer tokenService = TestTokenIssuer.tokenService();
      properties.put("webase.security.issuers.token-service.issuer-uri", tokenService.issuer());
      properties.put("webase.security.issuers.token-service.jwk-set-uri", tokenService.jwkSetUri());
      if (keycloak) {
        KeycloakServer keycloak = RealServers.keycloak();
        properties.put("webase.security.issuers.keycloak.issuer-uri", keycloak.issuer());
        properties.put("webase.security.issuers.keycloak.jwk-set-uri", keycloak.jwkSetUri());
        // account-service's admin access (other services ignore these)
        properties.put("webase.keycloak.url", keycloak.url());
        properties.put(
            "webase.keycloak.client-secret", keycloak.realm().accountServiceClientSecret());
      }
      env.getPropertySources().addFirst(new MapPropertySource("webase-real-servers", properties));
      RealServers.closeBeforeStopping(context::close, context::isActive);
    }
  }
}
