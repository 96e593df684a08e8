package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.MalformedEventException;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events in and out of a service.
 *
 * <p>Out: a service publishes a {@link WebaseEvent} with Spring's {@code ApplicationEventPublisher}
 * inside its transaction; the {@link Outbox} keeps it in {@code outbox_event} with that transaction
 * and, after commit, the {@link OutboxRelay} sends it to the event's topic, keyed by its subject,
 * with its CloudEvents attributes as headers; the {@link OutboxSweeper} sends again what was not
 * acknowledged. {@link UrgentEvents} sends the few urgent ones from the committing thread. In:
 * {@link EventInbox} applies each event once per consumer; failures are retried with back-off and
 * then parked on {@code <topic>.DLT}.
 */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

  static final String DEAD_LETTERED = "webase.events.dead.lettered";

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  @Bean
  OutboxRows outboxRows(JdbcTemplate jdbc, JsonMapper json) {
    return new OutboxRows(jdbc, json);
  }

  @Bean
  EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    Tracer available = tracer.getIfAvailable();
    return available == null || available == Tracer.NOOP
        ? EventTracing.NONE
        : new EventTracing(available, propagator.getIfAvailable());
  }

  @Bean(destroyMethod = "close")
  OutboxRelay outboxRelay(
      KafkaOperations<String, byte[]> kafka,
      OutboxRows rows,
      EventsProperties properties,
      MeterRegistry meters,
      ObjectProvider<Clock> clock,
      EventTracing tracing) {
    return new OutboxRelay(
        kafka,
        rows,
        properties.lanes(),
        properties.laneCapacity(),
        meters,
        clock.getIfAvailable(Clock::systemUTC),
        tracing);
  }

  @Bean
  Outbox outbox(
      EventCodec codec,
      OutboxRows rows,
      OutboxRelay relay,
      EventsProperties properties,
      ObjectProvider<Clock> clock,
      EventTracing tracing) {
    return new Outbox(
        codec,
        rows,
        relay,
        properties.staleAfter(),
        clock.getIfAvailable(Clock::systemUTC),
        tracing);
  }

  @Bean
  OutboxSweeper outboxSweeper(
      OutboxRows rows,
      OutboxRelay relay,
      EventsProperties properties,
      MeterRegistry meters,
      ObjectProvider<Clock> clock) {
    return new OutboxSweeper(
        rows, relay, properties.staleAfter(), clock.getIfAvailable(Clock::systemUTC), meters);
  }

  @Bean
  LegacyOutboxDrain legacyOutboxDrain(JdbcTemplate jdbc, Outbox outbox, TransactionTemplate tx) {
    return new LegacyOutboxDrain(jdbc, outbox, tx);
  }

  /**
   * The direct path of {@link UrgentEvents}: a producer of its own with the service's Kafka
   * settings (acks=all, idempotence) and raw bytes, as the outbox sends them, lingering 1 ms so
   * that the events of one transaction (sent one after the other, same key) usually leave in one
   * batch and every consumer fetches them at once. In the e2e revocation test, the sender thread
   * took the first of a regeneration's two events alone in 47 % of the regenerations with no
   * linger, in 12 % with 1 ms (docs/BENCHMARKS.md); the acknowledgement waits up to 1 ms longer.
   */
  @Bean(destroyMethod = "close")
  UrgentEvents urgentEvents(
      Outbox outbox,
      OutboxRelay relay,
      KafkaProperties kafka,
      EventsProperties properties,
      MeterRegistry meters) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    var producers =
        new DefaultKafkaProducerFactory<>(
            config, new StringSerializer(), new ByteArraySerializer());
    return new UrgentEvents(outbox, relay, producers, properties.urgentWait(), meters);
  }

  @Bean
  EventInbox eventInbox(
      EventCodec codec, JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
    return new EventInbox(codec, jdbc, transactions, meters);
  }

  /**
   * Each listener container's topics get their dead-letter counter at zero when the container is
   * made, so that a dashboard or an alert sees the series before the first event goes to a DLT.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      deadLetterCounters(MeterRegistry meters) {
    return container -> {
      String[] topics = container.getContainerProperties().getTopics();
      if (topics != null) {
        for (String topic : topics) {
          meters.counter(DEAD_LETTERED, "topic", topic);
        }
      }
    };
  }

  /**
   * Retries a failing event with exponential back-off, then publishes it unchanged to {@code
   * <topic>.DLT} (same partition) and moves on; a malformed event goes there at once.
   */
  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaOperations<Object, Object> kafka, EventsProperties properties, MeterRegistry meters) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            kafka,
            (record, exception) -> {
              // webase_events_dead_lettered_total{topic}: the alert on dead-letter growth
              meters.counter(DEAD_LETTERED, "topic", record.topic()).increment();
              return new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1);
            });
    var backOff =
        new ExponentialBackOff(
            properties.retry().initialInterval().toMillis(), properties.retry().multiplier());
    backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
    backOff.setMaxElapsedTime(properties.retry().maxElapsedTime().toMillis());
    var handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(
        MalformedEventException.class, DeserializationException.class);
    return handler;
  }
}
