package com.webase.platform.idempotency;

import com.webase.platform.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** {@code Idempotency-Key} on every POST and PATCH of a service ({@link IdempotentRequests}). */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

  /** After Spring Security's filters (order -100): the key belongs to the authenticated caller. */
  static final int ORDER = 0;

  @Bean
  StoredAnswers idempotencyStoredAnswers(JdbcClient jdbc) {
    return new StoredAnswers(jdbc);
  }

  @Bean
  FilterRegistrationBean<IdempotentRequests> idempotentRequests(
      StoredAnswers answers,
      IdempotencyProperties properties,
      ProblemResponses problems,
      MeterRegistry meters,
      ObjectProvider<Clock> clock) {
    var registration =
        new FilterRegistrationBean<>(
            new IdempotentRequests(
                answers, properties, problems, meters, clock.getIfAvailable(Clock::systemUTC)));
    registration.setOrder(ORDER);
    return registration;
  }

  @Bean
  IdempotencyPruning idempotencyPruning(
      StoredAnswers answers, IdempotencyProperties properties, ObjectProvider<Clock> clock) {
    return new IdempotencyPruning(answers, properties, clock.getIfAvailable(Clock::systemUTC));
  }

  /** Forgets answers older than {@code keep-for}, hourly. */
  static class IdempotencyPruning {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyPruning.class);
    private final StoredAnswers answers;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyPruning(StoredAnswers answers, IdempotencyProperties properties, Clock clock) {
      this.answers = answers;
      this.properties = properties;
      this.clock = clock;
    }

    @Scheduled(
        fixedDelayString = "${webase.idempotency.prune-interval:1h}",
        initialDelayString = "${webase.idempotency.prune-interval:1h}")
    void prune() {
      int pruned = answers.pruneOlderThan(clock.instant().minus(properties.keepFor()));
      if (pruned > 0) {
        log.info("forgot {} idempotency keys older than {}", pruned, properties.keepFor());
      }
    }
  }
}
