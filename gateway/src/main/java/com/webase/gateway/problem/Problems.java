package com.webase.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the gateway itself, with the same {@code type} base as the
 * services' ({@code <base>/problems/<slug>} is documented once for both).
 */
@Component
public class Problems {

  private final String typeBase;
  private final JsonMapper json;

  Problems(@Value("${webase.problems.type-base:https://webase.dev/problems/}") String typeBase) {
    this.typeBase = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    this.json = JsonMapper.builder().build();
  }

  /** Writes the problem and completes the exchange; extra headers are set as given. */
  public Mono<Void> write(
      ServerWebExchange exchange,
      HttpStatus status,
      String slug,
      String title,
      String detail,
      Map<String, String> headers) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    HttpHeaders out = response.getHeaders();
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    out.setCacheControl("no-store");
    headers.forEach(out::set);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", typeBase + slug);
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", exchange.getRequest().getPath().value());
    DataBuffer buffer =
        response
            .bufferFactory()
            .wrap(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }

  public Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String slug, String title, String detail) {
    return write(exchange, status, slug, title, detail, Map.of());
  }
}
