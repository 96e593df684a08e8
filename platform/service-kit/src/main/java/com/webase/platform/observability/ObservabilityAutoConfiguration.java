package com.webase.platform.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Request ids on every request, response and log line; URLs in spans without their query. */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
    var registration = new FilterRegistrationBean<>(new RequestIdFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Spans and observations keep URLs without their query string. */
  @Bean
  QueryFreeUrls queryFreeUrls() {
    return new QueryFreeUrls();
  }
}
