package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.ChildProcess;
import com.webase.testkit.KeycloakServer;
import com.webase.testkit.Ports;
import com.webase.testkit.PostgresServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.RealmSettings;
import com.webase.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway costs (DESIGN §8), measured with {@code wrk} in one run on this machine against
 * one backend endpoint — token-service's {@code GET /api/v1/tokens/current}, which validates the
 * JWT and reads the token's row:
 *
 * <ol>
 *   <li>direct to token-service, with the token-service JWT in {@code Authorization};
 *   <li>through the gateway without API-token auth (the same JWT passed through);
 *   <li>through the gateway with {@code x-api-token} (cache hit: the gateway swaps it for the JWT);
 *   <li>through nginx as a plain reverse proxy (same JWT).
 * </ol>
 *
 * Each is measured at 32 connections (throughput) and at 1 connection (latency without queueing),
 * in {@code benchmark.passes} passes (3) whose order is rotated, and reported as the median of the
 * passes. Both proxies write an access log. Not part of {@code verify}: run it by name (see
 * docs/BENCHMARKS.md). Needs {@code wrk} and {@code nginx} (Debian packages) on the PATH.
 */
class GatewayBenchmark {

  private static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("benchmark.warm-up-seconds", 30));
  private static final int PASSES = Integer.getInteger("benchmark.passes", 3);
  private static final List<String> FULL_JIT = List.of("-Xms256m", "-Xmx512m");

  /** {@code -Dbenchmark.profile=true}: record the gateway with JFR and print its hot methods. */
  private static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");

  @Test
  void gatewayBesideDirectAndNginx() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path out = Path.of("target", "benchmarks").toAbsolutePath();
    Files.createDirectories(out);
    PostgresServer postgres = RealServers.postgres();
    KeycloakServer keycloak = RealServers.keycloak();
    postgres.createDatabase("token_service");
    int tokenPort = Ports.free();
    int gatewayPort = Ports.free();
    int nginxPort = Ports.free();

    Map<String, String> env = new LinkedHashMap<>();
    env.put("WEBASE_DB_HOST", "localhost");
    env.put("WEBASE_DB_PORT", Integer.toString(postgres.port()));
    env.put("WEBASE_DB_USER", postgres.user());
    env.put("WEBASE_DB_PASSWORD", postgres.password());
    env.put("WEBASE_KAFKA_BOOTSTRAP_SERVERS", RealServers.kafka().bootstrapServers());
    env.put("WEBASE_KEYCLOAK_URL", keycloak.url());
    env.put("WEBASE_TOKEN_SERVICE_URL", "http://localhost:" + tokenPort);
    Map<String, String> tokenEnv = new LinkedHashMap<>(env);
    tokenEnv.put("WEBASE_TOKEN_ENCRYPTION_SECRET", RealmSettings.secret() + "-bench");
    tokenEnv.put("WEBASE_TOKEN_SIGNING_GENERATE_IF_MISSING", "true");
    Map<String, String> gatewayEnv = new LinkedHashMap<>(env);
    gatewayEnv.put("WEBASE_PORTAL_CLIENT_SECRET", keycloak.realm().portalClientSecret());
    gatewayEnv.put("WEBASE_GATEWAY_CLIENT_SECRET", keycloak.realm().gatewayClientSecret());
    gatewayEnv.put("WEBASE_RATE_LIMIT_PER_TOKEN", "1000000000");
    gatewayEnv.put("WEBASE_RATE_LIMIT_PERIOD", "1s");

    try (ServiceProcess tokenService =
            ServiceProcess.start(
                root,
                "token-service",
                "bench-token-service",
                tokenPort,
                tokenEnv,
                out.resolve("token-service.log"),
                FULL_JIT);
        ServiceProcess gateway =
            ServiceProcess.start(
                root,
                "gateway",
                "bench-gateway",
                gatewayPort,
                gatewayEnv,
                out.resolve("gateway.log"),
                PROFILE ? profiled(out.resolve("gateway.jfr")) : FULL_JIT)) {
      tokenService.awaitReady(Duration.ofMinutes(3));
      gateway.awaitReady(Duration.ofMinutes(3));
      ChildProcess nginx = startNginx(out, nginxPort, tokenPort);
      try {
        // a login through the login page: its token carries auth_time, which showing the full
        // default token needs (a password-grant token counts as an old login)
        keycloak.createBrowserClient("webase-benchmark");
        String person =
            keycloak
                .browserLogin(
                    "webase-benchmark", RealmSettings.DEMO_EMAIL, keycloak.realm().demoPassword())
                .get("access_token")
                .asString();
        String apiToken =
            JSON.readTree(
                    get(
                        tokenService.url() + "/api/v1/tokens/default?reveal=true",
                        "Authorization",
                        "Bearer " + person))
                .get("token")
                .asString();

        List<Row> rows = new ArrayList<>();
        String path = "/api/v1/tokens/current";
        // every process fully compiled before anything is recorded, so the order does not matter
        String warmJwt = serviceJwt(keycloak, tokenService.url(), apiToken);
        wrk(32, WARM_UP, tokenService.url() + path, "Authorization: Bearer " + warmJwt);
        wrk(32, WARM_UP, gateway.url() + path, "x-api-token: " + apiToken);
        wrk(32, WARM_UP, gateway.url() + path, "Authorization: Bearer " + warmJwt);
        wrk(
            32,
            WARM_UP,
            "http://127.0.0.1:" + nginxPort + path,
            "Authorization: Bearer " + warmJwt);
        // each setup measured in several passes, the order rotated from pass to pass: a setup's
        // median is not favoured or penalised by its place in the run (warming, compaction)
        List<Setup> setups =
            List.of(
                new Setup("direct to token-service", tokenService.url() + path, null),
                new Setup("gateway, no API-token auth", gateway.url() + path, null),
                new Setup("gateway, x-api-token", gateway.url() + path, "x-api-token: " + apiToken),
                new Setup("nginx reverse proxy", "http://127.0.0.1:" + nginxPort + path, null));
        for (int connections : new int[] {32, 1}) {
          for (int pass = 0; pass < PASSES; pass++) {
            // a fresh JWT per pass keeps it well inside its 5-minute life
            String jwt = serviceJwt(keycloak, tokenService.url(), apiToken);
            for (int i = 0; i < setups.size(); i++) {
              Setup setup = setups.get((i + pass) % setups.size());
              String header =
                  setup.header() != null ? setup.header() : "Authorization: Bearer " + jwt;
              rows.add(measure(setup.name(), connections, pass, setup.url(), header));
            }
          }
        }
        String report = report(rows);
        Files.writeString(out.resolve("gateway.md"), report);
        System.out.println(report);
        assertThat(rows).allSatisfy(row -> assertThat(row.requestsPerSecond()).isPositive());
      } finally {
        nginx.stop(Duration.ofSeconds(5));
      }
    }
    if (PROFILE) {
      Process jfr =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                  "view",
                  "--width",
                  "220",
                  "hot-methods",
                  out.resolve("gateway.jfr").toString())
              .redirectErrorStream(true)
              .redirectOutput(out.resolve("gateway-hot-methods.txt").toFile())
              .start();
      jfr.waitFor();
      System.out.println(Files.readString(out.resolve("gateway-hot-methods.txt")));
    }
  }

  private static List<String> profiled(Path recording) {
    List<String> options = new ArrayList<>(FULL_JIT);
    options.add(
        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
    return options;
  }

  /** A fresh token-service JWT for the token, as the gateway gets it (5 minutes of life). */
  private static String serviceJwt(KeycloakServer keycloak, String tokenService, String apiToken)
      throws Exception {
    String gateway =
        keycloak.clientCredentials("webase-gateway", keycloak.realm().gatewayClientSecret());
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(tokenService + "/internal/v1/introspect"))
                .header("Authorization", "Bearer " + gateway)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + apiToken + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).get("jwt").asString();
  }

  private static Row measure(String setup, int connections, int pass, String url, String header)
      throws Exception {
    // every request must succeed, or the numbers would measure errors
    String[] parts = header.split(": ", 2);
    assertThat(statusOf(url, parts[0], parts[1])).as(setup).isEqualTo(200);
    if (pass == 0) {
      // the compilers were done by the shared warm-up; this settles the connections
      wrk(connections, Duration.ofSeconds(5), url, header);
    }
    String output = wrk(connections, RUN, url, header);
    Row row =
        new Row(
            setup,
            connections,
            pass,
            number(output, "Requests/sec:\\s+([\\d.]+)"),
            millis(output, "\\s50%\\s+([\\d.]+)(us|ms|s)"),
            millis(output, "\\s99%\\s+([\\d.]+)(us|ms|s)"),
            output.contains("Non-2xx")
                ? output.replaceAll("(?s).*Non-2xx or 3xx responses: (\\d+).*", "$1")
                : "0");
    System.out.println("[bench] " + row);
    return row;
  }

  private static String wrk(int connections, Duration duration, String url, String header)
      throws Exception {
    Process process =
        new ProcessBuilder(
                "wrk",
                "-t",
                Integer.toString(Math.min(2, connections)),
                "-c",
                Integer.toString(connections),
                "-d",
                duration.toSeconds() + "s",
                "--latency",
                "-H",
                header,
                url)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + output);
    }
    return output;
  }

  private static ChildProcess startNginx(Path out, int port, int backendPort) throws IOException {
    Path prefix = out.resolve("nginx");
    Files.createDirectories(prefix.resolve("logs"));
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        worker_processes 2;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log %1$s/logs/access.log;
          upstream backend { server 127.0.0.1:%2$d; keepalive 64; }
          server {
            listen 127.0.0.1:%3$d;
            location / {
              proxy_pass http://backend;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $host;
            }
          }
        }
        """
            .formatted(prefix, backendPort, port));
    ChildProcess nginx =
        ChildProcess.start(
            "nginx",
            List.of("nginx", "-p", prefix.toString(), "-c", conf.toString(), "-g", "daemon off;"),
            prefix,
            Map.of(),
            prefix.resolve("logs").resolve("stdout.log"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Ports.isListening(port)) {
      if (System.nanoTime() > deadline || !nginx.isAlive()) {
        throw new IllegalStateException("nginx did not start:\n" + nginx.tail(20));
      }
      Thread.onSpinWait();
    }
    return nginx;
  }

  private static String get(String url, String header, String value) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int statusOf(String url, String header, String value) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double millis(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  private static String report(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("Measured ")
        .append(LocalDate.now())
        .append(": ")
        .append(PASSES)
        .append(" passes of ")
        .append(RUN.toSeconds())
        .append(" s per setup, the order rotated each pass, after ")
        .append(WARM_UP.toSeconds())
        .append(" s of warm-up; medians of the passes; ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores shared by wrk, the proxies, token-service and PostgreSQL.\n\n");
    out.append(
        "| connections | setup | req/s (median) | req/s (passes, min–max) | p50 | p99 | vs direct"
            + " (req/s) | added p50 | added p99 | non-2xx |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (int connections : new int[] {32, 1}) {
      Map<String, Row> medians = new LinkedHashMap<>();
      for (Row row : rows) {
        if (row.connections() == connections) {
          medians.computeIfAbsent(row.setup(), setup -> median(rows, connections, setup));
        }
      }
      Row direct = medians.get("direct to token-service");
      for (Row row : medians.values()) {
        List<Row> passes =
            rows.stream()
                .filter(r -> r.connections() == connections && r.setup().equals(row.setup()))
                .toList();
        out.append(
            String.format(
                "| %d | %s | %,.0f | %,.0f–%,.0f | %.2f ms | %.2f ms | %.0f %% | %+.2f ms | %+.2f ms"
                    + " | %s |%n",
                connections,
                row.setup(),
                row.requestsPerSecond(),
                passes.stream().mapToDouble(Row::requestsPerSecond).min().orElseThrow(),
                passes.stream().mapToDouble(Row::requestsPerSecond).max().orElseThrow(),
                row.p50(),
                row.p99(),
                100 * row.requestsPerSecond() / direct.requestsPerSecond(),
                row.p50() - direct.p50(),
                row.p99() - direct.p99(),
                row.non2xx()));
      }
      Row plain = medians.get("gateway, no API-token auth");
      Row auth = medians.get("gateway, x-api-token");
      out.append(
          String.format(
              "%n%d connection(s): x-api-token auth costs %.1f %% of the gateway's throughput"
                  + " (target ≤ 5 %%).%n%n",
              connections, 100 * (1 - auth.requestsPerSecond() / plain.requestsPerSecond())));
    }
    out.append("Every pass, in the order measured:\n\n");
    out.append("| connections | pass | setup | req/s | p50 | p99 |\n|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append(
          String.format(
              "| %d | %d | %s | %,.0f | %.2f ms | %.2f ms |%n",
              row.connections(),
              row.pass() + 1,
              row.setup(),
              row.requestsPerSecond(),
              row.p50(),
              row.p99()));
    }
    return out.toString();
  }

  /** A setup's passes summarised: the median of each figure, the non-2xx answers summed. */
  private static Row median(List<Row> rows, int connections, String setup) {
    List<Row> passes =
        rows.stream()
            .filter(r -> r.connections() == connections && r.setup().equals(setup))
            .toList();
    long non2xx = passes.stream().mapToLong(r -> Long.parseLong(r.non2xx())).sum();
    return new Row(
        setup,
        connections,
        -1,
        median(passes.stream().mapToDouble(Row::requestsPerSecond).toArray()),
        median(passes.stream().mapToDouble(Row::p50).toArray()),
        median(passes.stream().mapToDouble(Row::p99).toArray()),
        Long.toString(non2xx));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  record Setup(String name, String url, String header) {}

  record Row(
      String setup,
      int connections,
      int pass,
      double requestsPerSecond,
      double p50,
      double p99,
      String non2xx) {}
}
