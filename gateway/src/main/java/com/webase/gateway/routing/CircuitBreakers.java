package com.webase.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every route's circuit breaker (one per service, named after it): open when at least half of the
 * calls of the last 10 s failed (20 calls at least), stay open 10 s, then let 3 calls test the
 * service. Slow calls count from 10 s. The route's own {@code response-timeout} decides how long a
 * call may take (the time limiter is off, see application.yml).
 */
@Configuration
class CircuitBreakers {

  @Bean
  Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults() {
    CircuitBreakerConfig breaker =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(20)
            .failureRateThreshold(50)
            .slowCallDurationThreshold(Duration.ofSeconds(10))
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .permittedNumberOfCallsInHalfOpenState(3)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build();
    return factory ->
        factory.configureDefault(
            id -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breaker).build());
  }
}
