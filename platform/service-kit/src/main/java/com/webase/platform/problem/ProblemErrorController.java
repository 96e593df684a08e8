package com.webase.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container's error page says — a request refused before Spring MVC saw it (a
 * malformed URI, an encoded NUL, a body the container would not read): a problem like every other
 * error of a service, in place of Spring Boot's own JSON.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  private final ProblemResponses problems;

  ProblemErrorController(ProblemResponses problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String detail =
        status.is4xxClientError()
            ? "The request was refused before it reached the API: " + status.getReasonPhrase() + "."
            : "Something went wrong on our side; nothing was changed by this request.";
    ProblemDetail problem =
        problems.problem(
            status,
            status.is5xxServerError()
                ? "internal-error"
                : status.getReasonPhrase().toLowerCase().replace(' ', '-'),
            status.getReasonPhrase(),
            detail);
    return ResponseEntity.status(status).contentType(ProblemResponses.PROBLEM_JSON).body(problem);
  }
}
