package com.webase.gateway.observability;

import com.webase.gateway.apitoken.ApiTokenFilter;
import com.webase.gateway.client.ClientAddress;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id ({@value #HEADER}: the caller's if it is a sane one, else a new one),
 * passes it to the service and returns it, and writes one access-log line per request on the {@code
 * webase.access} logger: method, path (never the query string), status, duration, caller kind and
 * request id, and the client address ({@link ClientAddress}: the peer, or what a trusted proxy
 * says). No other header value is ever logged, so no token or cookie can end up in the log.
 */
@Component
class RequestIdAndAccessLog implements WebFilter, Ordered {

  static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Logger access = LoggerFactory.getLogger("webase.access");

  private final ClientAddress clientAddress;

  RequestIdAndAccessLog(ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long started = System.nanoTime();
    String given = exchange.getRequest().getHeaders().getFirst(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
    // set when the response is committed, so that it replaces the service's echo of the same id
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              exchange.getResponse().getHeaders().set(HEADER, id);
              return Mono.empty();
            });
    ServerWebExchange withId = exchange.mutate().request(request).build();
    return chain
        .filter(withId)
        .doFinally(
            signal -> {
              if (access.isInfoEnabled()) {
                HttpStatusCode status = withId.getResponse().getStatusCode();
                Object caller = withId.getAttributes().get(ApiTokenFilter.CALLER_ATTRIBUTE);
                // the request's ids in the log context of this one line, as the services have them
                // in theirs: plain text shows them, JSON logs carry them as fields
                Span span = spanOf(withId);
                MDC.put("requestId", id);
                if (span != null) {
                  MDC.put("traceId", span.traceId());
                  MDC.put("spanId", span.spanId());
                }
                try {
                  access.info(
                      "{} {} {} {}ms caller={} client={} request_id={}",
                      request.getMethod(),
                      request.getPath().value(),
                      status == null ? "-" : status.value(),
                      (System.nanoTime() - started) / 1_000_000,
                      caller == null ? "-" : caller,
                      clientAddress.of(request),
                      id);
                } finally {
                  MDC.remove("requestId");
                  MDC.remove("traceId");
                  MDC.remove("spanId");
                }
              }
            });
  }

  /** The span of the exchange's server observation (the trace the services continue), if any. */
  private static Span spanOf(ServerWebExchange exchange) {
    return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
        .map(context -> context.get(TracingObservationHandler.TracingContext.class))
        .map(tracing -> ((TracingObservationHandler.TracingContext) tracing).getSpan())
        .map(io.micrometer.tracing.Span::context)
        .map(context -> new Span(context.traceId(), context.spanId()))
        .orElse(null);
  }

  private record Span(String traceId, String spanId) {}
}
