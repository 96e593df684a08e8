package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DESIGN §8 for the product's API, side by side in one run: the same requests through gateway B
 * with {@code x-api-token} and directly at the service with the JWT the gateway would forward.
 *
 * <ul>
 *   <li>apps-service: {@code PUT} of a 1 kB file (a new revision each time) and {@code GET} of it,
 *       p50/p99;
 *   <li>records-service: over {@code benchmark.rows} (1,000,000) records of one model, loaded with
 *       COPY into the model's table, a filtered, sorted first page and a deep cursor page (after
 *       1/8 of the matches), p50/p95 (targets 20 ms at the service, 50 ms through the gateway).
 * </ul>
 *
 * Requests go one at a time on one connection (latency, not throughput), after a warm-up, the two
 * paths taking turns. Not part of {@code verify}; run it by name:
 *
 * <pre>
 * ./mvnw -B install -DskipTests
 * ./mvnw -B -pl e2e verify -Dit.test=ApiBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Results: {@code e2e/target/benchmarks/api.md}.
 */
class ApiBenchmark {

  private static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final int ROWS = Integer.getInteger("benchmark.rows", 1_000_000);
  private static final int ITERATIONS = Integer.getInteger("benchmark.iterations", 1000);
  private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 500);

  private final StringBuilder report = new StringBuilder();

  @Test
  void filesAndRecordsThroughTheGatewayAndDirectly() throws Exception {
    Platform platform = Platform.get();
    String gateway = platform.gatewayB.url();
    try (Person person = Person.create(platform, platform.gatewayA.url(), "Bench")) {
      ServiceJwt jwt = new ServiceJwt(platform, person.token());
      line("# API benchmark, %s", Instant.now());
      line("");
      line(
          "%d measured requests per row after %d warm-up ones, one connection, the two paths taking turns.",
          ITERATIONS, WARM_UP);
      line("");
      line("| what | path | p50 | p95 | p99 | max |");
      line("|---|---|---|---|---|---|");
      files(platform, gateway, person.token(), jwt);
      records(platform, gateway, person.token(), jwt);
    }
    Path out = Path.of("target", "benchmarks", "api.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  private void files(Platform platform, String gateway, String token, ServiceJwt jwt)
      throws Exception {
    var created = Api.call("POST", gateway, "/api/v1/apps", token, "{\"name\":\"Bench files\"}");
    String app = Api.json(created).get("id").asString();
    String file = "/api/v1/apps/" + app + "/files/bench/page.html";
    Random random = new Random(7);
    IntFunction<byte[]> content =
        i -> {
          byte[] bytes = new byte[1024];
          random.nextBytes(bytes);
          return ("<p>" + i + "</p>" + new String(bytes, StandardCharsets.ISO_8859_1))
              .getBytes(StandardCharsets.UTF_8);
        };
    compare(
        "apps: PUT a 1 kB file",
        i -> put(gateway + file, "x-api-token", token, content.apply(i)),
        i ->
            put(
                platform.appsService.url() + file,
                "Authorization",
                "Bearer " + jwt.get(),
                content.apply(i)));
    compare(
        "apps: GET the file",
        i -> get(gateway + file, "x-api-token", token),
        i -> get(platform.appsService.url() + file, "Authorization", "Bearer " + jwt.get()));
  }

  private void records(Platform platform, String gateway, String token, ServiceJwt jwt)
      throws Exception {
    String app =
        Api.json(Api.call("POST", gateway, "/api/v1/apps", token, "{\"name\":\"Bench records\"}"))
            .get("id")
            .asString();
    String models = "/api/v1/apps/" + app + "/models";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Api.call("GET", gateway, models, token, null).statusCode() != 200) {
      assertThat(System.nanoTime()).as("records-service learnt of the app").isLessThan(deadline);
      Thread.onSpinWait();
    }
    var model =
        Api.call(
            "POST",
            gateway,
            models,
            token,
            """
            {"name": "orders", "fields": [
              {"name": "customer", "type": "string"}, {"name": "price", "type": "number"},
              {"name": "qty", "type": "integer"},
              {"name": "status", "type": "enum", "values": ["open", "closed", "pending", "archived"]},
              {"name": "placedOn", "type": "date"}, {"name": "paid", "type": "boolean"}]}
            """);
    assertThat(model.statusCode()).as(Api.text(model)).isEqualTo(201);
    long loading = System.nanoTime();
    load(platform, app);
    line("");
    line(
        "records: %,d rows loaded with COPY and analysed in %.0f s",
        ROWS, (System.nanoTime() - loading) / 1e9);
    String first = models + "/orders/records?filter=status:eq:open&sort=-price&limit=50";
    String cursor = null;
    for (int page = 0; page < ROWS / 4 / 8 / 50; page++) {
      JsonNode answer =
          Api.json(
              Api.call(
                  "GET",
                  gateway,
                  first
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                  token,
                  null));
      cursor = answer.get("nextCursor").asString();
    }
    String deep = first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    String recordsUrl = platform.recordsService.url();
    compare(
        "records: filtered, sorted first page of 50",
        i -> get(gateway + first, "x-api-token", token),
        i -> get(recordsUrl + first, "Authorization", "Bearer " + jwt.get()));
    compare(
        "records: the same, deep cursor page (after 1/8 of the matches)",
        i -> get(gateway + deep, "x-api-token", token),
        i -> get(recordsUrl + deep, "Authorization", "Bearer " + jwt.get()));
  }

  /** COPY into the model's table, as records-service's own benchmark loads it. */
  private static void load(Platform platform, String app) throws Exception {
    try (Connection connection = platform.postgres.connect("records_service")) {
      String table;
      Map<String, String> columns = new HashMap<>();
      try (Statement statement = connection.createStatement();
          var rs =
              statement.executeQuery(
                  "select table_name, fields::text from data_model where app_id = '"
                      + app
                      + "' and name = 'orders'")) {
        rs.next();
        table = rs.getString(1);
        for (JsonNode field : JSON.readTree(rs.getString(2))) {
          columns.put(field.get("name").asString(), field.get("column").asString());
        }
      }
      String columnList =
          "id, version, created_at, updated_at, "
              + String.join(
                  ", ",
                  List.of("customer", "price", "qty", "status", "placedOn", "paid").stream()
                      .map(columns::get)
                      .toList());
      Random random = new Random(42);
      String[] statuses = {"open", "closed", "pending", "archived"};
      Instant now = Instant.now();
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (int done = 0; done < ROWS; done += 100_000) {
        StringBuilder csv = new StringBuilder(100_000 * 120);
        for (int i = 0; i < Math.min(100_000, ROWS - done); i++) {
          csv.append(UUID.randomUUID())
              .append(",1,")
              .append(now)
              .append(',')
              .append(now)
              .append(",customer-")
              .append(random.nextInt(50_000))
              .append(',')
              .append(random.nextInt(1_000_000) / 100.0)
              .append(',')
              .append(random.nextInt(1000))
              .append(',')
              .append(statuses[random.nextInt(4)])
              .append(",2025-")
              .append(String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
              .append(',')
              .append(random.nextBoolean())
              .append('\n');
        }
        copy.copyIn(
            "copy " + table + " (" + columnList + ") from stdin with (format csv)",
            new StringReader(csv.toString()));
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("analyze " + table);
      }
    }
  }

  private interface Call {
    int send(int i) throws Exception;
  }

  /** Warm-up, then measured requests, the two paths taking turns; one table row each. */
  private void compare(String what, Call throughGateway, Call direct) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      assertOk(throughGateway.send(i));
      assertOk(direct.send(i));
    }
    List<Long> gatewayMicros = new ArrayList<>();
    List<Long> directMicros = new ArrayList<>();
    for (int i = 0; i < ITERATIONS; i++) {
      long started = System.nanoTime();
      assertOk(throughGateway.send(WARM_UP + 2 * i));
      gatewayMicros.add((System.nanoTime() - started) / 1000);
      started = System.nanoTime();
      assertOk(direct.send(WARM_UP + 2 * i + 1));
      directMicros.add((System.nanoTime() - started) / 1000);
    }
    row(what, "through the gateway (x-api-token)", gatewayMicros);
    row(what, "directly at the service (JWT)", directMicros);
  }

  private void row(String what, String path, List<Long> micros) {
    Collections.sort(micros);
    line(
        "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |",
        what,
        path,
        percentile(micros, 50) / 1e3,
        percentile(micros, 95) / 1e3,
        percentile(micros, 99) / 1e3,
        micros.getLast() / 1e3);
  }

  private static void assertOk(int status) {
    assertThat(status).isBetween(200, 201);
  }

  private static int put(String url, String header, String value, byte[] body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header(header, value)
                .header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int get(String url, String header, String value) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /**
   * The JWT the gateway forwards for this API token, as token-service's introspection answers it;
   * asked again before its five minutes run out.
   */
  private static final class ServiceJwt {
    private final Platform platform;
    private final String token;
    private String jwt;
    private long fetchedAt;

    ServiceJwt(Platform platform, String token) {
      this.platform = platform;
      this.token = token;
    }

    String get() throws Exception {
      if (jwt == null || System.nanoTime() - fetchedAt > Duration.ofMinutes(3).toNanos()) {
        jwt = serviceJwt(platform, token);
        fetchedAt = System.nanoTime();
      }
      return jwt;
    }
  }

  private static String serviceJwt(Platform platform, String token) throws Exception {
    String client =
        platform.keycloak.clientCredentials(
            "webase-gateway", platform.keycloak.realm().gatewayClientSecret());
    var answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(platform.tokenService.url() + "/internal/v1/introspect"))
                .header("Authorization", "Bearer " + client)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("jwt").asString();
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private void line(String format, Object... args) {
    report.append(String.format(format, args)).append('\n');
  }
}
