package com.webase.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM: every process of the e2e platform exports its spans
 * here ({@code management.opentelemetry.tracing.export.otlp.endpoint}), through the real exporter,
 * as a collector would receive them. The spans are kept for the life of the JVM.
 */
final class SpanCollector implements AutoCloseable {

  /**
   * One received span. Ids are lower-case hex; {@code parentSpanId} is empty for a root; {@code
   * kind} is SERVER, CLIENT, PRODUCER, CONSUMER or INTERNAL.
   */
  record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      Map<String, String> attributes) {}

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  SpanCollector() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(body);
            }
            receive(ExportTraceServiceRequest.parseFrom(body));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
          }
        });
    server.start();
  }

  /** Where the processes send their spans. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** Every span received so far. */
  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** The spans received so far of one trace. */
  List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  private void receive(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = attributes(resource.getResource().getAttributesList()).get("service.name");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (var span : scope.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  HEX.formatHex(span.getTraceId().toByteArray()),
                  HEX.formatHex(span.getSpanId().toByteArray()),
                  HEX.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName(),
                  // SPAN_KIND_SERVER → SERVER
                  span.getKind().name().replaceFirst("^SPAN_KIND_", ""),
                  attributes(span.getAttributesList())));
        }
      }
    }
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (KeyValue value : values) {
      var any = value.getValue();
      attributes.put(
          value.getKey(),
          switch (any.getValueCase()) {
            case STRING_VALUE -> any.getStringValue();
            case INT_VALUE -> Long.toString(any.getIntValue());
            case BOOL_VALUE -> Boolean.toString(any.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(any.getDoubleValue());
            default -> any.toString();
          });
    }
    return attributes;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
