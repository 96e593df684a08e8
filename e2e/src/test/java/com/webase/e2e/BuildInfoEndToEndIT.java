package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.ServiceProcess;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every running process says what it is in {@code /actuator/info} (its management port): the
 * artifact, version and build time that spring-boot-maven-plugin's {@code build-info} wrote into
 * its jar.
 */
class BuildInfoEndToEndIT {

  private final Platform platform = Platform.get();

  @Test
  void everyProcessShowsItsBuildInActuatorInfo() {
    Set<String> artifacts = new TreeSet<>();
    for (ServiceProcess process : platform.processes()) {
      var response = Api.get(process.managementUrl(), "/actuator/info", null);
      assertThat(response.statusCode()).as(process.name()).isEqualTo(200);
      JsonNode build = new JsonMapper().readTree(response.body()).path("build");
      assertThat(build.path("version").asString()).as(process.name()).isNotBlank();
      assertThat(build.path("time").asString()).as(process.name()).isNotBlank();
      artifacts.add(build.path("artifact").asString());
    }
    assertThat(artifacts)
        .containsExactlyInAnyOrder(
            "gateway",
            "account-service",
            "token-service",
            "apps-service",
            "records-service",
            "notification-service");
  }
}
