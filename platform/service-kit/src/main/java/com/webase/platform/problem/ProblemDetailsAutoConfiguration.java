package com.webase.platform.problem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

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

  /**
   * A request body means what it says: a number or a boolean where text is expected, or a number
   * where true/false is, is refused (the field is named) rather than quietly converted, so {@code
   * {"name": 5}} and {@code {"enabled": 0}} are 400s.
   */
  @Bean
  JsonMapperBuilderCustomizer strictTextFields() {
    return builder ->
        builder
            .withCoercionConfig(
                LogicalType.Textual,
                text ->
                    text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                LogicalType.Boolean,
                bool -> bool.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
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
