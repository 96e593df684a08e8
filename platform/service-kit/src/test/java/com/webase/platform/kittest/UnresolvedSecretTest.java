package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.startup.UnresolvedSecretException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A service built on the kit refuses to start while a secret is still a {@code ${...}} placeholder,
 * and says which one — before it touches a database or a broker.
 */
class UnresolvedSecretTest {

  @Test
  void aDatabasePasswordPassedThroughUnexpandedStopsTheServiceNamingTheProperty() {
    // as a manifest that hands the service WEBASE_DB_PASSWORD="${WEBASE_DB_PASSWORD}" verbatim
    var service = new SpringApplicationBuilder(KitTestApplication.class);

    assertThatThrownBy(
            () ->
                service.run(
                    "--WEBASE_DB_PASSWORD=${WEBASE_DB_PASSWORD}",
                    "--server.port=0",
                    "--management.server.port=0"))
        .isInstanceOf(UnresolvedSecretException.class)
        .hasMessageStartingWith("Refusing to start")
        .hasMessageContaining("spring.datasource.password")
        .hasMessageContaining("${WEBASE_DB_PASSWORD}");
  }

  @Test
  void aSecretWhoseVariableNobodySetStopsTheServiceWithoutShowingTheRest() {
    var service = new SpringApplicationBuilder(KitTestApplication.class);

    assertThatThrownBy(
            () ->
                service.run(
                    "--spring.datasource.password=kept-out-of-logs-${WEBASE_UNSET_PART}",
                    "--server.port=0",
                    "--management.server.port=0"))
        .isInstanceOf(UnresolvedSecretException.class)
        .hasMessageContaining("spring.datasource.password")
        .hasMessageContaining("${WEBASE_UNSET_PART}")
        .hasMessageNotContaining("kept-out-of-logs");
  }
}
