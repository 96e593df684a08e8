package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * For the few events whose delay users notice — a revoked token must stop working on every gateway
 * at once (DESIGN §5, §8) — a second, faster path beside the outbox.
 *
 * <p>{@link #publish} records the event in the outbox like any other (that copy is the guarantee:
 * it survives crashes and broker outages) and, once the transaction has committed, also sends the
 * same event, same id, straight to its topic from the committing thread, waiting for the broker's
 * acknowledgement up to {@code wait}. The caller's response therefore leaves only when the event is
 * on the broker, instead of after the outbox's asynchronous hand-over. Consumers see the event
 * twice and must be idempotent, as they must be anyway (the inbox recognises the id).
 *
 * <p>A failed or slow direct send is logged and counted ({@code webase.events.urgent{outcome}}),
 * never thrown: the outbox still delivers. Thread-safe.
 */
public class UrgentEvents implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UrgentEvents.class);

  private final ApplicationEventPublisher outbox;
  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final Producer<String, byte[]> producer;
  private final EventCodec codec;
  private final Duration wait;
  private final MeterRegistry meters;

  UrgentEvents(
      ApplicationEventPublisher outbox,
      DefaultKafkaProducerFactory<String, byte[]> producers,
      EventCodec codec,
      Duration wait,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.producers = producers;
    this.producer = producers.createProducer();
    this.codec = codec;
    this.wait = wait;
    this.meters = meters;
  }

  /** Records {@code event} in the outbox and sends it directly once the transaction committed. */
  public void publish(WebaseEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("UrgentEvents.publish needs a transaction");
    }
    outbox.publishEvent(event);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            sendNow(event);
          }
        });
  }

  @Override
  public void close() {
    producers.destroy();
  }

  private void sendNow(WebaseEvent event) {
    long started = System.nanoTime();
    String outcome = "acknowledged";
    try {
      var record =
          new ProducerRecord<String, byte[]>(
              codec.catalog().of(event.getClass()).topic(), event.subject(), codec.data(event));
      codec
          .envelopeOf(event)
          .toHeaders()
          .forEach(
              (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get(wait.toMillis(), TimeUnit.MILLISECONDS);
      log.debug(
          "sent {} {} directly, acknowledged after {} µs",
          event.getClass().getSimpleName(),
          event.eventId(),
          (System.nanoTime() - started) / 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "failed";
    } catch (Exception e) {
      outcome = "failed";
      log.warn(
          "direct send of {} {} failed ({}); the outbox delivers it",
          event.getClass().getSimpleName(),
          event.eventId(),
          e.toString());
    } finally {
      Timer.builder("webase.events.urgent")
          .tag("outcome", outcome)
          .register(meters)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }
}
