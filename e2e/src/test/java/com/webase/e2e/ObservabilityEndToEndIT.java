package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, acceptance 2: every metric a dashboard or an alert rule of {@code deploy/observability}
 * reads is exported by the running processes. After a little traffic (a login, API calls, a token
 * regenerated, so a revocation, and an email change, so a mail), every process's {@code
 * /actuator/prometheus} is scraped and each metric name in the rules' and the dashboards'
 * expressions must be among them.
 */
class ObservabilityEndToEndIT {

  static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");

  /** Metric names, as opposed to PromQL functions, keywords and label names. */
  static final Pattern METRIC =
      Pattern.compile("\\b((?:webase|http|jvm|hikaricp|kafka|process|system)_[a-z0-9_]+)\\b");

  private final Platform platform = Platform.get();

  @Test
  void everyMetricOfTheDashboardsAndAlertRulesIsExportedByTheRunningProcesses() throws Exception {
    Map<String, Set<String>> used = metricsUsed();
    assertThat(used).as("metric names found in deploy/observability").hasSizeGreaterThan(15);

    try (Person person = Person.create(platform, platform.gatewayA.url(), "Olly")) {
      String b = platform.gatewayB.url();
      assertThat(Api.get(b, "/api/v1/tokens/current", person.token()).statusCode()).isEqualTo(200);
      assertThat(Api.get(b, "/api/v1/apps", person.token()).statusCode()).isEqualTo(200);
      var regenerated =
          person.session().send("POST", "/api/v1/tokens/default/regenerate", "{}", true);
      assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
      // a mail to a given address: the verification of a new email
      var emailChange =
          person
              .session()
              .write(
                  "PATCH",
                  "/api/v1/account",
                  "{\"email\":\"olly-" + java.util.UUID.randomUUID() + "@example.org\"}");
      assertThat(emailChange.status()).as(emailChange.body()).isEqualTo(200);
      // the revocation reached gateway B (its lag recorded) and the verification mail went out
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(exported())
                      .contains(
                          "webase_gateway_revocation_lag_seconds_bucket",
                          "webase_notifications_emails_total"));
    }

    Set<String> exported = exported();
    Map<String, Set<String>> missing = new TreeMap<>();
    used.forEach(
        (metric, where) -> {
          if (!exported.contains(metric)) {
            missing.put(metric, where);
          }
        });
    assertThat(missing)
        .as("metrics used in deploy/observability that no process exports")
        .isEmpty();
  }

  /** Every sample name that some running process exports now. */
  private Set<String> exported() {
    Set<String> names = new TreeSet<>();
    for (ServiceProcess process : platform.processes()) {
      String text = Api.get(process.managementUrl(), "/actuator/prometheus", null).body();
      for (String line : text.split("\n")) {
        if (!line.isEmpty() && line.charAt(0) != '#') {
          int end = 0;
          while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
            end++;
          }
          names.add(line.substring(0, end));
        }
      }
    }
    return names;
  }

  /** Metric name → the files whose expressions use it. */
  private static Map<String, Set<String>> metricsUsed() throws IOException {
    Map<String, Set<String>> used = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(OBSERVABILITY)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        StringBuilder expressions = new StringBuilder();
        if (file.getParent().endsWith("alerts") && name.endsWith(".yml")) {
          // each rule's expression; the summaries hold no metric names
          for (String line : Files.readAllLines(file)) {
            if (!line.strip().startsWith("summary:")) {
              expressions.append(line).append('\n');
            }
          }
        } else if (name.endsWith(".json")) {
          JsonNode dashboard = new JsonMapper().readTree(file.toFile());
          for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
              expressions.append(target.path("expr").asString("")).append('\n');
            }
          }
        }
        Matcher metric = METRIC.matcher(expressions);
        while (metric.find()) {
          used.computeIfAbsent(metric.group(1), m -> new TreeSet<>()).add(name);
        }
      }
    }
    return used;
  }
}
