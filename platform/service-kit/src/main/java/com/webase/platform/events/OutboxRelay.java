package com.webase.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends committed outbox events to Kafka and deletes their rows once the broker has them.
 *
 * <p><b>Order and parallelism.</b> Events are handed to one of {@code lanes} single-threaded lanes
 * chosen by their key, so the events of one key (one account, one app) reach the producer in the
 * order they were handed over — the idempotent producer keeps that order on the partition — while
 * different keys go in parallel. A lane only starts a send; it never waits for the broker (the
 * single thread of Spring Modulith's externalizer waited for each acknowledgement, which held an
 * instance to about 150 events/s: decision 0017).
 *
 * <p><b>Completion.</b> Acknowledgements arrive on the producer's I/O thread, which only queues the
 * id; one completer thread deletes acknowledged rows in batches and makes failed ones due again for
 * {@link OutboxSweeper}. A full lane refuses the hand-over instead of growing: the row stays and
 * the sweeper sends it.
 *
 * <p>Thread-safe.
 */
final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int COMPLETION_BATCH = 1000;

  private final KafkaOperations<String, byte[]> kafka;
  private final OutboxRows rows;
  private final Clock clock;
  private final EventTracing tracing;
  private final ThreadPoolExecutor[] lanes;
  private final Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Thread completer;
  private volatile boolean running = true;
  private final Timer latency;
  private final Counter acknowledged;
  private final Counter failed;
  private final Counter deferred;
  private final Counter refused;

  /** What became of a send: acknowledged, failed (sent again later) or refused for good. */
  private enum Outcome {
    ACKNOWLEDGED,
    FAILED,
    REFUSED
  }

  private record Completion(UUID id, Outcome outcome, String reason) {}

  OutboxRelay(
      KafkaOperations<String, byte[]> kafka,
      OutboxRows rows,
      int laneCount,
      int laneCapacity,
      MeterRegistry meters,
      Clock clock,
      EventTracing tracing) {
    this.kafka = kafka;
    this.rows = rows;
    this.clock = clock;
    this.tracing = tracing;
    this.lanes = new ThreadPoolExecutor[laneCount];
    for (int i = 0; i < laneCount; i++) {
      String name = "outbox-lane-" + i;
      lanes[i] =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(laneCapacity),
              runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable));
    }
    this.completer = Thread.ofPlatform().name("outbox-completer").daemon().start(this::complete);
    this.latency =
        Timer.builder("webase.outbox.latency")
            .description("From commit to the broker's acknowledgement")
            .publishPercentileHistogram()
            .register(meters);
    this.acknowledged =
        Counter.builder("webase.outbox.sent").tag("outcome", "acknowledged").register(meters);
    this.failed = Counter.builder("webase.outbox.sent").tag("outcome", "failed").register(meters);
    this.refused = Counter.builder("webase.outbox.sent").tag("outcome", "refused").register(meters);
    this.deferred =
        Counter.builder("webase.outbox.deferred")
            .description("Hand-overs refused by a full lane; the sweeper sends them")
            .register(meters);
  }

  /** Hands committed events over for sending, in order; returns at once. */
  void dispatch(List<OutgoingEvent> events) {
    for (OutgoingEvent event : events) {
      if (inFlight.putIfAbsent(event.id(), Boolean.TRUE) != null) {
        continue; // already on its way from this instance
      }
      try {
        laneOf(event.key()).execute(() -> send(event));
      } catch (RejectedExecutionException full) {
        inFlight.remove(event.id());
        deferred.increment();
        completions.add(new Completion(event.id(), Outcome.FAILED, null));
      }
    }
  }

  /** Whether this instance is sending the event right now. */
  boolean isInFlight(UUID id) {
    return inFlight.containsKey(id);
  }

  /**
   * Records the outcome of a send made elsewhere (the direct path of {@link UrgentEvents}): the row
   * is deleted, or made due again.
   */
  void settle(OutgoingEvent event, Throwable failure) {
    if (failure == null) {
      acknowledged.increment();
      if (event.committedAt() != null) {
        latency.record(Duration.between(event.committedAt(), clock.instant()));
      }
      completions.add(new Completion(event.id(), Outcome.ACKNOWLEDGED, null));
    } else if (refusedForGood(failure)) {
      refused.increment();
      Throwable root = failure;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      log.error(
          "event {} to {} refused by Kafka for good ({}); parked in outbox_event, not sent again",
          event.id(),
          event.topic(),
          root.toString());
      completions.add(new Completion(event.id(), Outcome.REFUSED, root.toString()));
    } else {
      failed.increment();
      completions.add(new Completion(event.id(), Outcome.FAILED, null));
    }
  }

  /**
   * A failure that sending again cannot mend — the record is too large, or invalid — as opposed to
   * a broker that is away or slow. Sending such a record every few seconds forever would only load
   * the instance.
   */
  static boolean refusedForGood(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
          || cause instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
          || cause instanceof org.apache.kafka.common.errors.InvalidTopicException) {
        return true;
      }
    }
    return false;
  }

  private ThreadPoolExecutor laneOf(String key) {
    return lanes[Math.floorMod(key.hashCode(), lanes.length)];
  }

  private void send(OutgoingEvent event) {
    try {
      tracing
          .sendingWithin(event, () -> kafka.send(event.record()))
          .whenComplete(
              (result, failure) -> {
                inFlight.remove(event.id());
                if (failure != null) {
                  log.warn(
                      "event {} to {} not sent ({}); the sweeper sends it again",
                      event.id(),
                      event.topic(),
                      failure.toString());
                }
                settle(event, failure);
              });
    } catch (RuntimeException e) {
      // the producer refused at once (no metadata within max.block.ms, closed): the row stays
      inFlight.remove(event.id());
      log.warn(
          "event {} to {} not sent ({}); the sweeper sends it again",
          event.id(),
          event.topic(),
          e.toString());
      settle(event, e);
    }
  }

  /** The completer's loop: deletes acknowledged rows and releases failed ones, in batches. */
  private void complete() {
    List<Completion> batch = new ArrayList<>(COMPLETION_BATCH);
    while (running || !completions.isEmpty()) {
      try {
        Completion first = completions.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        completions.drainTo(batch, COMPLETION_BATCH - 1);
        List<UUID> done = new ArrayList<>();
        List<UUID> again = new ArrayList<>();
        for (Completion completion : batch) {
          switch (completion.outcome()) {
            case ACKNOWLEDGED -> done.add(completion.id());
            case FAILED -> again.add(completion.id());
            case REFUSED -> rows.park(List.of(completion.id()), completion.reason());
          }
        }
        rows.delete(done);
        rows.release(again);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the database is unreachable: the rows stay and are sent again later (a duplicate that
        // idempotent consumers drop), which is better than losing the completions' thread
        log.warn("could not complete {} outbox rows: {}", batch.size(), e.toString());
      } finally {
        batch.clear();
      }
    }
  }

  /** Lets the lanes finish what they hold and the completer record it. */
  @Override
  public void close() {
    for (ThreadPoolExecutor lane : lanes) {
      lane.shutdown();
    }
    try {
      for (ThreadPoolExecutor lane : lanes) {
        lane.awaitTermination(5, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10); // the broker's last acknowledgements
      }
      running = false;
      completer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
