package com.webase.platform.problem;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure a service reports to its client on purpose: thrown from a use case, answered with a
 * problem body of the given {@code type} slug. Extra properties (e.g. {@code errors}, {@code
 * feedback}) go into the body as they are.
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String slug;
  private final String title;
  private final Map<String, Object> properties;
  private final Map<String, String> headers = new java.util.LinkedHashMap<>();

  public ProblemException(HttpStatus status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public ProblemException(
      HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.properties = Map.copyOf(properties);
  }

  /** A 400 {@code validation} problem naming one refused field, as bean validation would. */
  public static ProblemException invalid(String field, String reason) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "validation",
        "Invalid request",
        "The request has 1 invalid field(s).",
        Map.of("errors", List.of(new ProblemResponses.FieldError(field, reason))));
  }

  /**
   * Adds a response header, e.g. {@code Retry-After} on a 429 or 503.
   *
   * @return this problem
   */
  public ProblemException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Response headers that go with the problem. */
  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
