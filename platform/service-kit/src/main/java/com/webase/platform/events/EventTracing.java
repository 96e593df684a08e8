package com.webase.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps an event in the trace of the request that published it (DESIGN §9). When the event is
 * published, the current span's context is kept with it as W3C headers ({@code traceparent}), in
 * its outbox row; the record leaves with them on either path. The relay sends within a span that
 * continues that context, so the Kafka producer's span, and the consumer's after it, join the same
 * trace however long after the commit the row is sent, and by whichever instance; the direct path
 * ({@link UrgentEvents}) sends the kept headers unchanged, so its consumers continue the publishing
 * request's span. Without tracing on the classpath, or outside any span, nothing is added.
 *
 * <p>Thread-safe.
 */
final class EventTracing {

  static final EventTracing NONE = new EventTracing(null, null);

  private static final String TRACEPARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  EventTracing(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** The current span's context as headers; empty outside a span. */
  Map<String, String> currentContext() {
    if (tracer == null || propagator == null) {
      return Map.of();
    }
    Span current = tracer.currentSpan();
    if (current == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(current.context(), headers, Map::put);
    // the trace and span ids only: no tracestate or baggage is kept with the event
    String traceparent = headers.get(TRACEPARENT);
    return traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
  }

  /**
   * Runs {@code send} in a span ("outbox send") that continues the context kept with {@code event},
   * or as it is when the event was published outside a trace.
   */
  <T> T sendingWithin(OutgoingEvent event, Supplier<T> send) {
    if (tracer == null || propagator == null || !event.headers().containsKey(TRACEPARENT)) {
      return send.get();
    }
    Span span =
        propagator
            .extract(event.headers(), Map::get)
            .name("outbox send")
            .tag("webase.event.id", event.id().toString())
            .tag("messaging.destination.name", event.topic())
            .start();
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      return send.get();
    } finally {
      span.end();
    }
  }
}
