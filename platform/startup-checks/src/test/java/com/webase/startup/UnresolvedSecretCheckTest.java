package com.webase.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class UnresolvedSecretCheckTest {

  private final UnresolvedSecretCheck check = new UnresolvedSecretCheck();

  @Test
  void anEnvironmentVariablePassedThroughUnexpandedRefusesStartNamingTheProperty() {
    var environment =
        environment(
            Map.of("WEBASE_ACCOUNT_CLIENT_SECRET", "${WEBASE_ACCOUNT_CLIENT_SECRET}"),
            Map.of("webase.keycloak.client-secret", "${WEBASE_ACCOUNT_CLIENT_SECRET:}"));

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(UnresolvedSecretException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("webase.keycloak.client-secret")
        .hasMessageContaining("${WEBASE_ACCOUNT_CLIENT_SECRET}");
  }

  @Test
  void aPlaceholderWhoseVariableNobodySetRefusesStart() {
    var environment =
        environment(
            Map.of("WEBASE_TOKEN_ENCRYPTION_SECRET", "${WEBASE_TOKEN_KEY}"),
            Map.of("webase.tokens.encryption-secret", "${WEBASE_TOKEN_ENCRYPTION_SECRET:}"));

    var unresolved = UnresolvedSecretCheck.find(environment);

    assertThat(unresolved)
        .extracting(UnresolvedSecretException.Unresolved::property)
        .contains("webase.tokens.encryption-secret");
    assertThat(unresolved)
        .allSatisfy(u -> assertThat(u.placeholders()).containsExactly("WEBASE_TOKEN_KEY"));
  }

  @Test
  void theMessageNeverHoldsAValueBeyondThePlaceholderNames() {
    var environment =
        environment(
            Map.of(),
            Map.of(
                "spring.datasource.password", "hunter2-real-part-${WEBASE_DB_PASSWORD_SUFFIX}",
                "webase.portal.gateway-client-secret", "a-real-secret-value"));

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("spring.datasource.password")
        .hasMessageContaining("${WEBASE_DB_PASSWORD_SUFFIX}")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("real-part")
        .hasMessageNotContaining("webase.portal.gateway-client-secret")
        .hasMessageNotContaining("a-real-secret-value");
  }

  @Test
  void resolvedSecretsDefaultsAndOtherPropertiesPass() {
    var environment =
        environment(
            Map.of("WEBASE_ACCOUNT_CLIENT_SECRET", "s3cr3t"),
            Map.of(
                "webase.keycloak.client-secret", "${WEBASE_ACCOUNT_CLIENT_SECRET:}",
                "spring.datasource.password", "${WEBASE_DB_PASSWORD:}",
                "webase.apps.chat.ai.api-key", "${WEBASE_CHAT_AI_API_KEY:}",
                // not a secret: a template of the apps' site URLs, left alone
                "webase.apps.site-url-template", "${UNSET_TEMPLATE}"));

    check.postProcessEnvironment(environment, new SpringApplication());
  }

  @Test
  void aSecretOverriddenByAHigherSourceIsJudgedByTheValueInEffect() {
    var environment =
        environment(
            Map.of("WEBASE_KEYCLOAK_CLIENTSECRET", "from-the-environment"),
            Map.of("webase.keycloak.client-secret", "${WEBASE_NEVER_SET}"));

    check.postProcessEnvironment(environment, new SpringApplication());
  }

  @Test
  void namesThatHoldSecrets() {
    for (String secret :
        new String[] {
          "webase.keycloak.client-secret",
          "webase.tokens.encryption-secret",
          "spring.datasource.password",
          "spring.mail.password",
          "webase.apps.chat.ai.api-key",
          "webase.tokens.signing.jwk-set",
          "webase.tokens.keys[0].secret",
          "webase.tokens.encryption.keys.k2",
          "spring.data.redis.password"
        }) {
      assertThat(UnresolvedSecretCheck.namesASecret(ConfigurationPropertyName.of(secret)))
          .as(secret)
          .isTrue();
    }
    for (String other :
        new String[] {
          "spring.kafka.producer.key-serializer",
          "management.observations.key-values.application",
          "webase.security.issuers.keycloak.jwk-set-uri",
          "webase.account.email.verification-ttl"
        }) {
      assertThat(UnresolvedSecretCheck.namesASecret(ConfigurationPropertyName.of(other)))
          .as(other)
          .isFalse();
    }
  }

  private static StandardEnvironment environment(
      Map<String, Object> variables, Map<String, Object> configuration) {
    var environment = new StandardEnvironment();
    var sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new LinkedHashMap<>(variables)));
    sources.addLast(new MapPropertySource("application.yml", new LinkedHashMap<>(configuration)));
    ConfigurationPropertySources.attach(environment);
    return environment;
  }
}
