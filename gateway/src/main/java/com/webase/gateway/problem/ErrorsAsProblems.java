package com.webase.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers — an unknown path (404), a method a path does not take
 * (405), an {@code Accept} it cannot satisfy (406), anything unexpected (500) — is an RFC 9457
 * problem in {@code application/problem+json}, whatever the request's {@code Accept} says. It
 * replaces Spring Boot's error handler, whose answer to a browser is the HTML "whitelabel" page.
 */
@Component
@Order(-2)
class ErrorsAsProblems implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ErrorsAsProblems.class);

  private final Problems problems;

  ErrorsAsProblems(Problems problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    if (!(failure instanceof ResponseStatusException refused)) {
      log.error(
          "Unexpected failure on {} {}",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath().value(),
          failure);
      return problems.write(
          exchange,
          HttpStatus.INTERNAL_SERVER_ERROR,
          "internal-error",
          "Internal error",
          "The gateway failed to handle this request. Nothing more is known here; retry later.");
    }
    HttpStatusCode code = refused.getStatusCode();
    HttpStatus status = HttpStatus.resolve(code.value());
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    refused.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    var request = exchange.getRequest();
    return switch (status) {
      case NOT_FOUND ->
          problems.write(
              exchange,
              status,
              "not-found",
              "Not found",
              "There is nothing at " + request.getPath().value() + ".",
              headers);
      case METHOD_NOT_ALLOWED ->
          problems.write(
              exchange,
              status,
              "method-not-allowed",
              "Method not allowed",
              request.getPath().value()
                  + " does not take "
                  + request.getMethod()
                  + (headers.containsKey("Allow") ? "; it takes " + headers.get("Allow") : "")
                  + ".",
              headers);
      case NOT_ACCEPTABLE ->
          problems.write(
              exchange,
              status,
              "not-acceptable",
              "Not acceptable",
              request.getPath().value()
                  + " answers only in JSON; the request's Accept header does not allow it.",
              headers);
      default ->
          problems.write(
              exchange,
              status,
              slugOf(status),
              status.getReasonPhrase(),
              refused.getReason() == null ? status.getReasonPhrase() + "." : refused.getReason(),
              headers);
    };
  }

  private static String slugOf(HttpStatus status) {
    return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
