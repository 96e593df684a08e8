package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.e2e.SpanCollector.ReceivedSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace from the gateway through the service, its event, Kafka and the consumer (DESIGN §9),
 * read from what the real processes export over OTLP ({@link SpanCollector}) and write to their
 * JSON logs: the outbox path (an app deleted at apps-service, applied by records-service) and the
 * direct path (a token regenerated at token-service, evicted by both gateways).
 */
class TracingEndToEndIT {

  private static final JsonMapper JSON = new JsonMapper();
  private static final String FORGED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String FORGED_TRACEPARENT = "00-" + FORGED_TRACE_ID + "-b7ad6b7169203331-01";

  private static Platform platform;
  private static Person person;

  @BeforeAll
  static void start() throws Exception {
    platform = Platform.get();
    person = Person.create(platform, platform.gatewayA.url(), "Tracy");
  }

  @AfterAll
  static void close() {
    if (person != null) {
      person.close();
    }
  }

  @Test
  void anAppDeletedThroughTheGatewayIsOneTraceThroughTheOutboxKafkaAndRecordsService() {
    String a = platform.gatewayA.url();
    var created =
        Api.call(
            "POST",
            a,
            "/api/v1/apps",
            person.token(),
            "{\"name\": \"Traced " + UUID.randomUUID().toString().substring(0, 6) + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String app = Api.json(created).get("id").asString();
    String requestId = "trace-e2e-" + UUID.randomUUID();

    var deleted =
        Api.request(
            "DELETE",
            a,
            "/api/v1/apps/" + app,
            person.token(),
            null,
            null,
            // a client's own trace context is not continued: the gateway starts the trace
            Map.of("X-Request-Id", requestId, "traceparent", FORGED_TRACEPARENT));
    assertThat(deleted.statusCode()).isEqualTo(204);

    // the gateway's access-log line, JSON, names the request's trace
    JsonNode access = awaitLogLine("gateway-a", line -> requestId.equals(text(line, "requestId")));
    String traceId = text(access, "traceId");
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(traceId).isNotEqualTo(FORGED_TRACE_ID);
    assertThat(text(access, "spanId")).matches("[0-9a-f]{16}");

    List<ReceivedSpan> trace =
        awaitTrace(
            traceId,
            spans ->
                has(spans, "gateway", "SERVER")
                    && has(spans, "apps-service", "SERVER")
                    && has(spans, "records-service", "CONSUMER"));
    ReceivedSpan gateway = only(trace, "gateway", "SERVER");
    assertThat(gateway.parentSpanId()).as("the gateway starts the trace").isEmpty();
    ReceivedSpan service = only(trace, "apps-service", "SERVER");
    assertThat(ancestors(trace, service)).contains(gateway);
    // the outbox row kept the request's context; the relay's send continues it
    ReceivedSpan send =
        trace.stream()
            .filter(s -> s.service().equals("apps-service") && s.name().equals("outbox send"))
            .findFirst()
            .orElseThrow();
    assertThat(ancestors(trace, send)).contains(service);
    ReceivedSpan consumer = only(trace, "records-service", "CONSUMER");
    assertThat(ancestors(trace, consumer)).contains(send, service, gateway);

    // the consumer's log line is JSON in the same trace
    JsonNode applied =
        awaitLogLine(
            "records-service", line -> text(line, "message").startsWith("app " + app + " deleted"));
    assertThat(text(applied, "traceId")).isEqualTo(traceId);
    assertThat(text(applied, "spanId")).isEqualTo(consumer.spanId());
  }

  @Test
  void noSpanCarriesAQueryString() {
    String marker = "query-marker-" + UUID.randomUUID();
    String requestId = "trace-e2e-" + UUID.randomUUID();
    Api.request(
        "GET",
        platform.gatewayA.url(),
        "/api/v1/apps?cursor=" + marker,
        person.token(),
        null,
        null,
        Map.of("X-Request-Id", requestId));
    JsonNode access = awaitLogLine("gateway-a", line -> requestId.equals(text(line, "requestId")));
    List<ReceivedSpan> trace =
        awaitTrace(
            text(access, "traceId"),
            spans -> has(spans, "gateway", "SERVER") && has(spans, "apps-service", "SERVER"));

    assertThat(trace).hasSizeGreaterThanOrEqualTo(3); // the gateway's server and client spans too
    assertThat(trace)
        .allSatisfy(span -> assertThat(span.attributes().toString()).doesNotContain(marker));
  }

  @Test
  void aRegeneratedTokenIsOneTraceThroughTheDirectSendKafkaAndBothGateways() throws Exception {
    var regenerated =
        person.session().send("POST", "/api/v1/tokens/default/regenerate", "{}", true);
    assertThat(regenerated.status()).isEqualTo(200);
    String requestId = regenerated.header("X-Request-Id");
    assertThat(requestId).isNotBlank();

    JsonNode access = awaitLogLine("gateway-a", line -> requestId.equals(text(line, "requestId")));
    String traceId = text(access, "traceId");

    List<ReceivedSpan> trace =
        awaitTrace(
            traceId,
            spans ->
                has(spans, "token-service", "SERVER")
                    && spans.stream()
                            .filter(
                                s -> s.service().equals("gateway") && s.kind().equals("CONSUMER"))
                            .count()
                        >= 2);
    ReceivedSpan service = only(trace, "token-service", "SERVER");
    List<ReceivedSpan> evictions =
        trace.stream()
            .filter(s -> s.service().equals("gateway") && s.kind().equals("CONSUMER"))
            .toList();
    // the direct send has no span of its own: each gateway's consumer continues the request
    for (ReceivedSpan eviction : evictions) {
      assertThat(ancestors(trace, eviction)).contains(service);
    }
  }

  @Test
  void everyProcessLogsOnlyJsonLinesWithItsName() throws IOException {
    List<Path> logs =
        platform.logFiles().stream()
            .filter(log -> !log.getFileName().toString().endsWith("-gc.log"))
            .toList();
    assertThat(logs).hasSizeGreaterThanOrEqualTo(8);
    for (Path log : logs) {
      String name = log.getFileName().toString();
      List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(name).isNotEmpty();
      // what is not JSON is the JVM's own warnings on stderr, never a log event (nor a banner)
      assertThat(lines)
          .as(name)
          .allSatisfy(line -> assertThat(line).matches("\\{.*\\}|WARNING: .*"));
      for (String line : lines) {
        if (line.startsWith("{")) {
          JsonNode event = JSON.readTree(line);
          assertThat(text(event, "message")).as(name + ": " + line).isNotEmpty();
          assertThat(text(event, "service.name")).as(name + ": " + line).isNotEmpty();
          assertThat(text(event, "@timestamp")).as(name + ": " + line).isNotEmpty();
        }
      }
    }
  }

  private static boolean has(List<ReceivedSpan> spans, String service, String kind) {
    return spans.stream().anyMatch(s -> s.service().equals(service) && s.kind().equals(kind));
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String service, String kind) {
    List<ReceivedSpan> found =
        spans.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).toList();
    assertThat(found).as(service + " " + kind + " spans in " + spans).hasSize(1);
    return found.getFirst();
  }

  /** The span's parent, its parent's parent, and so on, as far as the trace holds them. */
  private static List<ReceivedSpan> ancestors(List<ReceivedSpan> trace, ReceivedSpan span) {
    var found = new java.util.ArrayList<ReceivedSpan>();
    Optional<ReceivedSpan> parent = parentOf(trace, span);
    while (parent.isPresent()) {
      found.add(parent.get());
      parent = parentOf(trace, parent.get());
    }
    return found;
  }

  private static Optional<ReceivedSpan> parentOf(List<ReceivedSpan> trace, ReceivedSpan span) {
    return trace.stream().filter(s -> s.spanId().equals(span.parentSpanId())).findFirst();
  }

  private static List<ReceivedSpan> awaitTrace(
      String traceId, java.util.function.Predicate<List<ReceivedSpan>> complete) {
    List<ReceivedSpan>[] trace = new List[1];
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                trace[0] = platform.spans.trace(traceId);
                return complete.test(trace[0]);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      Map<String, Long> received =
          platform.spans.spans().stream()
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      s -> s.service() + " " + s.kind(),
                      java.util.TreeMap::new,
                      java.util.stream.Collectors.counting()));
      throw new AssertionError(
          "trace " + traceId + " incomplete: " + trace[0] + "; all spans received: " + received, e);
    }
    return trace[0];
  }

  private static JsonNode awaitLogLine(
      String process, java.util.function.Predicate<JsonNode> wanted) {
    Path log = platform.logs.resolve(process + ".log");
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              found[0] =
                  jsonLines(log).stream().filter(wanted).reduce((first, last) -> last).orElse(null);
              return found[0] != null;
            });
    return found[0];
  }

  private static List<JsonNode> jsonLines(Path log) {
    try {
      return Files.readAllLines(log).stream()
          .filter(line -> line.startsWith("{"))
          .map(line -> (JsonNode) JSON.readTree(line))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A field of an ECS log line, whether written flat ({@code a.b}) or nested ({@code a: {b}}). */
  private static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    if (value == null) {
      value = line.at("/" + field.replace('.', '/'));
    }
    return value == null || value.isMissingNode() || value.isNull() ? "" : value.asString();
  }
}
