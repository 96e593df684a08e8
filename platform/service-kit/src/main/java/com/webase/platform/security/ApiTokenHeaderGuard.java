package com.webase.platform.security;

import com.webase.platform.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A service never sees a raw API token (DESIGN §2): the gateway swaps {@code x-api-token} for a
 * token-service JWT. A request that still carries the header bypassed the gateway or met a broken
 * one; it is refused, counted ({@code webase.security.raw_api_token}) and nothing of it is logged.
 */
public class ApiTokenHeaderGuard extends OncePerRequestFilter {

  static final String HEADER = "x-api-token";

  private final ProblemResponses problems;
  private final MeterRegistry meters;

  ApiTokenHeaderGuard(ProblemResponses problems, MeterRegistry meters) {
    this.problems = problems;
    this.meters = meters;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getHeader(HEADER) == null) {
      chain.doFilter(request, response);
      return;
    }
    meters.counter("webase.security.raw_api_token").increment();
    problems.write(
        response,
        problems.problem(
            HttpStatus.BAD_REQUEST,
            "api-token-not-accepted-here",
            "Call through the gateway",
            "Services do not accept x-api-token; send the request to the gateway, which"
                + " checks the token."),
        Map.of());
  }
}
