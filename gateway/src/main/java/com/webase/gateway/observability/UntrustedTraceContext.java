package com.webase.gateway.observability;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The gateway is where a trace starts (DESIGN §9): trace context a client sends — W3C {@code
 * traceparent}, {@code tracestate}, {@code baggage}, B3, Jaeger — is dropped before the request's
 * observation reads it. Otherwise a client would choose the trace id (and so reuse another
 * request's), the sampling decision, and baggage carried into every service and Kafka record.
 * Removed by decorating the whole HTTP handler: a {@code WebFilter} runs after the observation has
 * already continued the client's context.
 */
@Component
class UntrustedTraceContext implements WebHttpHandlerBuilderCustomizer {

  static final List<String> HEADERS =
      List.of(
          "traceparent",
          "tracestate",
          "baggage",
          "b3",
          "X-B3-TraceId",
          "X-B3-SpanId",
          "X-B3-ParentSpanId",
          "X-B3-Sampled",
          "X-B3-Flags",
          "uber-trace-id");

  @Override
  public void customize(WebHttpHandlerBuilder builder) {
    builder.httpHandlerDecorator(
        handler ->
            (request, response) -> {
              if (HEADERS.stream().noneMatch(request.getHeaders()::containsHeader)) {
                return handler.handle(request, response);
              }
              return handler.handle(
                  request.mutate().headers(headers -> HEADERS.forEach(headers::remove)).build(),
                  response);
            });
  }
}
