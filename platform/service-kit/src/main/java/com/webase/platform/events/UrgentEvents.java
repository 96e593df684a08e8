package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * For the few events whose delay users notice — a revoked token must stop working on every gateway
 * at once (DESIGN §5, §8) — a faster path than the outbox's asynchronous hand-over.
 *
 * <p>{@link #publish} records the event in the outbox like any other (that row is the guarantee: it
 * survives crashes and broker outages) and, once the transaction has committed, sends the event
 * straight to its topic from the committing thread, waiting for the broker's acknowledgement up to
 * {@code wait}. The caller's response therefore leaves only when the event is on the broker. The
 * outbox then completes the row without sending it again when the broker acknowledged the direct
 * send, and sends it itself, same id, when the direct send failed or came too late (decisions 0012,
 * 0013). An event can still arrive twice (a direct send acknowledged late, a crash before the row
 * was completed): consumers must be idempotent, as they must be anyway.
 *
 * <p>A failed or slow direct send is logged and counted ({@code webase.events.urgent{outcome}}),
 * never thrown: the outbox delivers. Thread-safe.
 */
public class UrgentEvents implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UrgentEvents.class);

  private final ApplicationEventPublisher outbox;
  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final Producer<String, byte[]> producer;
  private final EventCodec codec;
  private final Duration wait;
  private final MeterRegistry meters;
  private final DirectSends directSends;

  UrgentEvents(
      ApplicationEventPublisher outbox,
      DirectSends directSends,
      DefaultKafkaProducerFactory<String, byte[]> producers,
      EventCodec codec,
      Duration wait,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.directSends = directSends;
    this.producers = producers;
    this.producer = producers.createProducer();
    this.codec = codec;
    this.wait = wait;
    this.meters = meters;
  }

  /**
   * Records {@code event} in the outbox and sends it directly once the transaction committed. The
   * urgent events of one transaction leave together, in the order they were published, and the
   * commit's thread waits for all of their acknowledgements at once.
   */
  public void publish(WebaseEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("UrgentEvents.publish needs a transaction");
    }
    outbox.publishEvent(event);
    directSends.expect(event.eventId());
    publishedInThisTransaction().add(event);
  }

  /**
   * The events this instance sends after the current transaction commits. Kept in the transaction's
   * own synchronization, which a nested {@code REQUIRES_NEW} transaction suspends with it.
   */
  private List<WebaseEvent> publishedInThisTransaction() {
    for (TransactionSynchronization registered :
        TransactionSynchronizationManager.getSynchronizations()) {
      if (registered instanceof SendAfterCommit send && send.owner() == this) {
        return send.events;
      }
    }
    var send = new SendAfterCommit();
    TransactionSynchronizationManager.registerSynchronization(send);
    return send.events;
  }

  private final class SendAfterCommit implements TransactionSynchronization {

    private final List<WebaseEvent> events = new ArrayList<>();

    UrgentEvents owner() {
      return UrgentEvents.this;
    }

    @Override
    public void afterCommit() {
      sendNow(events);
    }

    @Override
    public void afterCompletion(int status) {
      if (status != STATUS_COMMITTED) {
        events.forEach(event -> directSends.forget(event.eventId()));
      }
    }
  }

  @Override
  public void close() {
    producers.destroy();
  }

  /** Sends the events, then waits up to {@code wait} for the broker and settles each outcome. */
  private void sendNow(List<WebaseEvent> events) {
    long started = System.nanoTime();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (WebaseEvent event : events) {
      try {
        sends.add(producer.send(EventRecords.of(codec, event)));
      } catch (RuntimeException e) {
        sends.add(CompletableFuture.failedFuture(e));
      }
    }
    long deadline = started + wait.toNanos();
    for (int i = 0; i < events.size(); i++) {
      WebaseEvent event = events.get(i);
      boolean acknowledged = acknowledged(event, sends.get(i), deadline - System.nanoTime());
      directSends.settle(event.eventId(), acknowledged);
      long elapsed = System.nanoTime() - started;
      if (acknowledged) {
        log.debug(
            "sent {} {} directly, acknowledged after {} µs",
            event.getClass().getSimpleName(),
            event.eventId(),
            elapsed / 1000);
      }
      Timer.builder("webase.events.urgent")
          .tag("outcome", acknowledged ? "acknowledged" : "failed")
          .register(meters)
          .record(elapsed, TimeUnit.NANOSECONDS);
    }
  }

  private boolean acknowledged(WebaseEvent event, Future<RecordMetadata> send, long waitNanos) {
    try {
      send.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "direct send of {} {} failed ({}); the outbox delivers it",
          event.getClass().getSimpleName(),
          event.eventId(),
          e instanceof ExecutionException ? e.getCause().toString() : "no acknowledgement in time");
    }
    return false;
  }
}
