package com.webase.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The inbox forgets old event ids ({@link ProcessedEventPruning}, decision 0032). */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(InboxProperties.class)
public class InboxPruningAutoConfiguration {

  @Bean
  ProcessedEventPruning processedEventPruning(
      JdbcClient jdbc,
      InboxProperties properties,
      ObjectProvider<Clock> clock,
      MeterRegistry meters) {
    return new ProcessedEventPruning(
        jdbc, properties, clock.getIfAvailable(Clock::systemUTC), meters);
  }
}
