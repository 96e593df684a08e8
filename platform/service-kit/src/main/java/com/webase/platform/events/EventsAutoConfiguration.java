package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.MalformedEventException;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Events in and out of a service.
 *
 * <p>Out: a service publishes a {@link WebaseEvent} with Spring's {@code ApplicationEventPublisher}
 * inside its transaction; Spring Modulith stores it in the outbox table of that transaction and,
 * after commit, sends it to the event's topic, keyed by its subject, with its CloudEvents
 * attributes as headers — unless {@link UrgentEvents} already had it acknowledged directly. In:
 * {@link EventInbox} applies each event once per consumer; failures are retried with back-off and
 * then parked on {@code <topic>.DLT}.
 */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EventsAutoConfiguration.class);

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  /** Which events leave through the outbox, and where to (the routing names them in its log). */
  @Bean
  EventExternalizationConfiguration webaseEventExternalization(EventCodec codec) {
    return EventExternalizationConfiguration.externalizing()
        .select(event -> event instanceof WebaseEvent)
        .routeAll(
            event -> {
              WebaseEvent webaseEvent = (WebaseEvent) event;
              return RoutingTarget.forTarget(codec.catalog().of(webaseEvent.getClass()).topic())
                  .andKey(webaseEvent.subject());
            })
        .build();
  }

  /**
   * The outbox's sender, in place of Spring Modulith's Kafka externalizer (whose module the kit
   * does not use): sends {@link EventRecords the event's record} through Spring Kafka's template,
   * which adds the trace context, and skips an event {@link UrgentEvents} already had acknowledged
   * on its direct path. Modulith completes the outbox row when the returned future completes.
   */
  @Bean
  DelegatingEventExternalizer webaseEventExternalizer(
      EventExternalizationConfiguration configuration,
      KafkaOperations<String, byte[]> kafka,
      EventCodec codec,
      DirectSends directSends,
      EventsProperties properties) {
    // the direct send itself gives up after urgent-wait; twice that covers its start after commit
    Duration directOutcomeWait = properties.urgentWait().multipliedBy(2);
    return new DelegatingEventExternalizer(
        configuration,
        (target, payload) -> {
          WebaseEvent event = (WebaseEvent) payload;
          if (directSends.acknowledged(event.eventId(), directOutcomeWait)) {
            log.debug("{} {} was sent directly", event.getClass().getSimpleName(), event.eventId());
            return CompletableFuture.completedFuture(null);
          }
          return kafka.send(EventRecords.of(codec, event));
        });
  }

  @Bean
  DirectSends directSends() {
    return new DirectSends();
  }

  @Bean
  OutboxResubmission outboxResubmission(
      IncompleteEventPublications publications, EventsProperties properties) {
    return new OutboxResubmission(publications, properties);
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
      ApplicationEventPublisher outbox,
      DirectSends directSends,
      KafkaProperties kafka,
      EventCodec codec,
      EventsProperties properties,
      MeterRegistry meters) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    var producers =
        new DefaultKafkaProducerFactory<>(
            config, new StringSerializer(), new ByteArraySerializer());
    return new UrgentEvents(outbox, directSends, producers, codec, properties.urgentWait(), meters);
  }

  @Bean
  EventInbox eventInbox(
      EventCodec codec, JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
    return new EventInbox(codec, jdbc, transactions, meters);
  }

  /**
   * Retries a failing event with exponential back-off, then publishes it unchanged to {@code
   * <topic>.DLT} (same partition) and moves on; a malformed event goes there at once.
   */
  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaOperations<Object, Object> kafka, EventsProperties properties) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            kafka,
            (record, exception) ->
                new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
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
