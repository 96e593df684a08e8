package com.webase.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MissingSettingCheckTest {

  @Test
  void aSettingOfTheConfigurationFilesWhoseVariableNobodySetIsMissing() {
    var environment =
        environment(
            Map.of(),
            Map.of(
                "spring.datasource.url",
                    "jdbc:postgresql://${WEBASE_DB_HOST}:${WEBASE_DB_PORT:5432}/x",
                "spring.datasource.username", "${WEBASE_DB_USER}"));

    assertThat(MissingSettingCheck.find(environment))
        .containsExactlyInAnyOrder(
            new MissingSettingException.Missing(
                "spring.datasource.url", java.util.List.of("WEBASE_DB_HOST")),
            new MissingSettingException.Missing(
                "spring.datasource.username", java.util.List.of("WEBASE_DB_USER")));
  }

  @Test
  void aSettingWhoseVariableIsSetOrWhichTheEnvironmentOverridesIsNot() {
    var environment =
        environment(
            Map.of("WEBASE_DB_HOST", "db.example", "spring.datasource.username", "kit"),
            Map.of(
                "spring.datasource.url", "jdbc:postgresql://${WEBASE_DB_HOST}/x",
                "spring.datasource.username", "${WEBASE_DB_USER}"));

    assertThat(MissingSettingCheck.find(environment)).isEmpty();
  }

  @Test
  void theMessageIsOneLineNamingTheSettingAndTheVariable() {
    var missing =
        new MissingSettingException(
            java.util.List.of(
                new MissingSettingException.Missing(
                    "spring.datasource.url", java.util.List.of("WEBASE_DB_HOST"))));

    assertThat(missing.getMessage())
        .isEqualTo(
            "Refusing to start: spring.datasource.url needs WEBASE_DB_HOST, which is not set.")
        .doesNotContain("\n");
  }

  private static StandardEnvironment environment(
      Map<String, Object> overrides, Map<String, Object> configurationFile) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "Config resource 'class path resource [application.yml]'", configurationFile));
    return environment;
  }
}
