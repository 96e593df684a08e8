package com.webase.platform.problem;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
    // its error controller stands back for ours
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
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

  /** Tomcat's own refusals (before any servlet) as problems. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
      @Value("${webase.problems.type-base:https://webase.dev/problems/}") String typeBase) {
    ProblemErrorReportValve.typeBase = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }

  /** Replaces Spring Boot's error controller: container-level errors are problems too. */
  @Bean
  ProblemErrorController problemErrorController(ProblemResponses problems) {
    return new ProblemErrorController(problems);
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
