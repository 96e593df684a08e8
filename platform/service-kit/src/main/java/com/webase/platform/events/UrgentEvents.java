package com.webase.platform.events;

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
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * For the few events whose delay users notice — a revoked token must stop working on every gateway
 * at once (DESIGN §5, §8) — a faster path than the outbox's hand-over to its lanes.
 *
 * <p>{@link #publish} keeps the event in the outbox like any other (that row is the guarantee: it
 * survives crashes and broker outages) and, once the transaction has committed, sends it straight
 * to its topic from the committing thread, waiting for the broker's acknowledgement up to {@code
 * wait}. The caller's response therefore leaves only when the event is on the broker. The event is
 * sent on this path only: its acknowledgement — however late — deletes the row, and a failed send
 * leaves the row for the outbox's sweeper (decision 0017, replacing 0013's hand-shake).
 *
 * <p>A failed or slow direct send is logged and counted ({@code webase.events.urgent{outcome}}),
 * never thrown. Thread-safe.
 */
public class UrgentEvents implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UrgentEvents.class);

  private final Outbox outbox;
  private final OutboxRelay relay;
  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final Producer<String, byte[]> producer;
  private final Duration wait;
  private final MeterRegistry meters;

  UrgentEvents(
      Outbox outbox,
      OutboxRelay relay,
      DefaultKafkaProducerFactory<String, byte[]> producers,
      Duration wait,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.relay = relay;
    this.producers = producers;
    this.producer = producers.createProducer();
    this.wait = wait;
    this.meters = meters;
  }

  /**
   * Keeps {@code event} in the outbox and sends it directly once the transaction committed. The
   * urgent events of one transaction leave together, in the order they were published, and the
   * commit's thread waits for all of their acknowledgements at once.
   */
  public void publish(WebaseEvent event) {
    outbox.addUrgent(event, this);
  }

  @Override
  public void close() {
    producers.destroy();
  }

  /** Sends the events, then waits up to {@code wait} for the broker. */
  void sendNow(List<OutgoingEvent> events) {
    long started = System.nanoTime();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (OutgoingEvent event : events) {
      Callback settle = (metadata, failure) -> relay.settle(event, failure);
      try {
        sends.add(producer.send(event.record(), settle));
      } catch (RuntimeException e) {
        relay.settle(event, e);
        sends.add(CompletableFuture.failedFuture(e));
      }
    }
    long deadline = started + wait.toNanos();
    for (int i = 0; i < events.size(); i++) {
      OutgoingEvent event = events.get(i);
      boolean acknowledged = acknowledged(event, sends.get(i), deadline - System.nanoTime());
      long elapsed = System.nanoTime() - started;
      if (acknowledged) {
        log.debug("sent {} directly, acknowledged after {} µs", event.id(), elapsed / 1000);
      }
      Timer.builder("webase.events.urgent")
          .tag("outcome", acknowledged ? "acknowledged" : "failed")
          .register(meters)
          .record(elapsed, TimeUnit.NANOSECONDS);
    }
  }

  private boolean acknowledged(OutgoingEvent event, Future<RecordMetadata> send, long waitNanos) {
    try {
      send.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "direct send of {} to {} {} ; the outbox has it",
          event.id(),
          event.topic(),
          e instanceof ExecutionException
              ? "failed (" + e.getCause() + ")"
              : "not acknowledged within " + wait.toMillis() + " ms");
    }
    return false;
  }
}
