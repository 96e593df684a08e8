package com.webase.platform.problem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem details for every error a service returns. */
@AutoConfiguration(
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class ProblemDetailsAutoConfiguration {

  @Bean
  ProblemResponses problemResponses(
      @Value("${webase.problems.type-base:https://webase.dev/problems/}") String typeBase,
      JsonMapper json) {
    return new ProblemResponses(typeBase, json);
  }

  @Bean
  ProblemDetailsAdvice problemDetailsAdvice(ProblemResponses problems) {
    return new ProblemDetailsAdvice(problems);
  }

  /** Refuses oversize bodies before anything reads them; runs ahead of security. */
  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      @Value("${webase.http.max-request-size:256KB}") DataSize limit, ProblemResponses problems) {
    var registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(limit.toBytes(), problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
