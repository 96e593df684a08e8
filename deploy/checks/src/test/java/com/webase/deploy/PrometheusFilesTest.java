package com.webase.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, acceptance 2 (its promtool half): the alert rules and both scrape configurations pass
 * {@code promtool} (Debian package {@code prometheus}; {@code .ci/run} installs it). Where promtool
 * is not installed the test is skipped, except in CI, where a missing promtool is a failure.
 */
class PrometheusFilesTest {

  static final Path OBSERVABILITY = DeploymentManifestsTest.ROOT.resolve("deploy/observability");

  @Test
  void theAlertRulesPassPromtool() throws Exception {
    try (var rules = Files.list(OBSERVABILITY.resolve("alerts"))) {
      List<String> files = rules.map(Path::toString).filter(f -> f.endsWith(".yml")).toList();
      assertThat(files).isNotEmpty();
      for (String file : files) {
        assertPromtoolAccepts("check", "rules", file);
      }
    }
  }

  @Test
  void theScrapeConfigurationsPassPromtoolWithTheirRuleFiles() throws Exception {
    for (String config : List.of("prometheus-compose.yml", "prometheus-local.yml")) {
      String output =
          assertPromtoolAccepts("check", "config", OBSERVABILITY.resolve(config).toString());
      assertThat(output)
          .as(config + " finds the rule files")
          .contains("SUCCESS: 1 rule files found");
    }
  }

  private static String assertPromtoolAccepts(String... arguments) throws Exception {
    Path promtool = promtool();
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  private static Path promtool() throws IOException {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(directory, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    boolean ci = "true".equals(System.getenv("CI"));
    assertThat(ci).as("promtool must be installed in CI (.ci/run installs it)").isFalse();
    Assumptions.abort("promtool is not installed (Debian package prometheus)");
    throw new IllegalStateException("unreachable");
  }
}
