package com.webase.gateway.routing;

import com.webase.gateway.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request its service could not answer — down, too slow, or
 * its circuit open: a 503 problem with {@code Retry-After}, at once, never a hang.
 */
@RestController
class FallbackController {

  static final String RETRY_AFTER_SECONDS = "10";
  static final String UNAVAILABLE = "webase.gateway.unavailable";
  static final List<String> SERVICES =
      List.of(
          "account-service",
          "token-service",
          "apps-service",
          "records-service",
          "notification-service");
  private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

  private final Problems problems;
  private final MeterRegistry meters;

  FallbackController(Problems problems, MeterRegistry meters) {
    this.problems = problems;
    this.meters = meters;
    // at zero from the start, so that dashboards and alerts see each service before its first 503
    SERVICES.forEach(service -> meters.counter(UNAVAILABLE, "service", service));
  }

  @RequestMapping(
      "/gateway/unavailable/{service:account-service|token-service|apps-service|records-service|notification-service}")
  Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
    meters.counter(UNAVAILABLE, "service", service).increment();
    Throwable cause =
        exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
    log.warn(
        "{} unavailable: {}",
        service,
        cause == null
            ? "circuit open"
            : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    return problems.write(
        exchange,
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-unavailable",
        "Service unavailable",
        "The "
            + service
            + " is not answering right now. Retry after a short wait; if this was a change, check"
            + " whether it was made before sending it again.",
        Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
  }
}
