package com.webase.platform.problem;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception that reaches Spring MVC into a problem body: Spring's own (404, 405, 415,
 * …) with a stable {@code type}, validation with the fields and reasons, unreadable JSON with the
 * field that was wrong, {@link ProblemException} as thrown, and anything unexpected into a 500 that
 * says nothing about the inside.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  private final ProblemResponses problems;

  ProblemDetailsAdvice(ProblemResponses problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> onProblem(ProblemException e) {
    ProblemDetail problem = problems.problem(e.status(), e.slug(), e.title(), e.getMessage());
    e.properties().forEach(problem::setProperty);
    return ResponseEntity.status(e.status())
        .headers(h -> e.headers().forEach(h::set))
        .contentType(ProblemResponses.PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> onAccessDenied(AccessDeniedException e) {
    return respond(
        problems.problem(
            HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The caller may not do this."));
  }

  /**
   * Two requests raced for something unique (a name, a slug) and this one lost at the database's
   * unique index: nothing was changed, and the same request may well succeed when sent again.
   */
  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ProblemDetail> onDuplicateKey(DuplicateKeyException e) {
    log.info(
        "a concurrent request took a unique value first: {}",
        e.getMostSpecificCause().getMessage());
    return respond(
        problems.problem(
            HttpStatus.CONFLICT,
            "concurrent-change",
            "Changed at the same moment",
            "Another request took the same name or value at the same moment; nothing was changed."
                + " Send the request again."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
    log.error("unexpected failure", e);
    return respond(
        problems.problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "Something went wrong on our side; nothing was changed by this request."));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<ProblemResponses.FieldError> errors = new ArrayList<>();
    e.getBindingResult()
        .getFieldErrors()
        .forEach(
            f -> errors.add(new ProblemResponses.FieldError(f.getField(), f.getDefaultMessage())));
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(
            g ->
                errors.add(
                    new ProblemResponses.FieldError(g.getObjectName(), g.getDefaultMessage())));
    return asObject(problems.invalid(errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<ProblemResponses.FieldError> errors = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        error ->
                            errors.add(
                                new ProblemResponses.FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage()))));
    return asObject(problems.invalid(errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
        return asObject(RequestSizeLimitFilter.tooLarge(problems, tooLarge.limit));
      }
      if (cause instanceof UnrecognizedPropertyException unknown) {
        return asObject(
            problems.invalid(
                List.of(new ProblemResponses.FieldError(path(unknown), "is not a known field"))));
      }
      if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
        MismatchedInputException mismatch = (MismatchedInputException) cause;
        String message = String.valueOf(mismatch.getOriginalMessage()).toLowerCase();
        String reason =
            message.contains("missing") || message.contains("null")
                ? "is required"
                : "must be "
                    + (mismatch.getTargetType() == null
                        ? "another type"
                        : describe(mismatch.getTargetType()));
        return asObject(
            problems.invalid(List.of(new ProblemResponses.FieldError(path(mismatch), reason))));
      }
    }
    return asObject(
        problems.problem(
            HttpStatus.BAD_REQUEST,
            "malformed-request",
            "Malformed request body",
            "The request body is not valid JSON of the expected shape."));
  }

  /** Spring's own exceptions (404, 405, 415, …) keep their status and get a stable type. */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(e, body, headers, statusCode, request);
    if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
      return response;
    }
    if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
      HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
      problem.setType(problems.type(status.getReasonPhrase().toLowerCase().replace(' ', '-')));
    }
    return ResponseEntity.status(response.getStatusCode())
        .headers(h -> h.putAll(response.getHeaders()))
        .contentType(ProblemResponses.PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(ProblemResponses.PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<Object> asObject(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(ProblemResponses.PROBLEM_JSON)
        .body(problem);
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
