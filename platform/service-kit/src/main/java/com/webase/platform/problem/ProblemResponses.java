package com.webase.platform.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where a service's RFC 9457 problem details are made: a stable {@code type} URI per
 * failure ({@code <base>/problems/<slug>}), a title, a detail for people, and for validation the
 * offending fields.
 *
 * <p>Thread-safe.
 */
public class ProblemResponses {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final String typeBase;
  private final JsonMapper json;

  public ProblemResponses(String typeBase, JsonMapper json) {
    this.typeBase = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    this.json = json;
  }

  /** The stable {@code type} of a failure, e.g. {@code password-too-weak}. */
  public URI type(String slug) {
    return URI.create(typeBase + slug);
  }

  public ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(slug));
    problem.setTitle(title);
    return problem;
  }

  /** A validation problem naming each field and why it was refused. */
  public ProblemDetail invalid(List<FieldError> errors) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "validation",
            "Invalid request",
            "The request has " + errors.size() + " invalid field(s).");
    problem.setProperty("errors", errors);
    return problem;
  }

  /** Answers a request without acceptable credentials: 401 {@code unauthenticated}. */
  public AuthenticationEntryPoint unauthenticated(String detail) {
    return (request, response, e) ->
        write(
            response,
            HttpStatus.UNAUTHORIZED,
            "unauthenticated",
            "Authentication required",
            detail);
  }

  /** Writes a problem to a response outside Spring MVC (filters, security). */
  public void write(
      HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
      throws IOException {
    write(response, problem(status, slug, title, detail), Map.of());
  }

  public void write(
      HttpServletResponse response, ProblemDetail problem, Map<String, String> headers)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.getStatus());
    response.setContentType(PROBLEM_JSON.toString());
    headers.forEach(response::setHeader);
    json.writeValue(response.getOutputStream(), problem);
  }

  /**
   * One refused field.
   *
   * @param field the JSON property path, e.g. {@code newPassword}
   * @param reason why, in words a person can act on
   */
  public record FieldError(String field, String reason) {}
}
