package com.webase.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends what the outbox has not delivered: events whose send failed (broker down), and events a
 * process committed but never got acknowledged (it died, or was stopped mid-send) — the rows whose
 * claim ran out. Every {@code resubmit-interval}, on every instance; {@code FOR UPDATE SKIP LOCKED}
 * keeps two instances from taking the same rows at once. Also measures the backlog ({@code
 * webase.outbox.backlog}, {@code webase.outbox.oldest.age}) for the dashboards.
 *
 * <p>Events resent after an outage can arrive after newer events of the same key: consumers must
 * not rely on order across an outage (decision 0005).
 */
public class OutboxSweeper {

  private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

  /** Rows held in memory at once: a record may be up to 1 MB (the producer's max.request.size). */
  private static final int BATCH = 100;

  /** Per sweep: after an outage the backlog drains at this pace instead of flooding the lanes. */
  private static final int MAX_PER_SWEEP = 10_000;

  private final OutboxRows rows;
  private final OutboxRelay relay;
  private final Duration claim;
  private final Clock clock;
  private final Counter resent;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();

  OutboxSweeper(
      OutboxRows rows, OutboxRelay relay, Duration claim, Clock clock, MeterRegistry meters) {
    this.rows = rows;
    this.relay = relay;
    this.claim = claim;
    this.clock = clock;
    this.resent = Counter.builder("webase.outbox.resent").register(meters);
    Gauge.builder("webase.outbox.backlog", backlog, AtomicLong::get)
        .description("Events committed and not yet acknowledged by the broker")
        .register(meters);
    Gauge.builder("webase.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
        .description("Age of the oldest event not yet acknowledged")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("webase.outbox.parked", parked, AtomicLong::get)
        .description("Events Kafka refused for good (too large, invalid), kept for an operator")
        .register(meters);
  }

  @Scheduled(
      fixedDelayString = "${webase.events.resubmit-interval}",
      initialDelayString = "${webase.events.resubmit-interval}")
  public void sendWhatIsDue() {
    try {
      List<OutgoingEvent> due;
      int claimed = 0;
      do {
        Instant now = clock.instant();
        List<OutgoingEvent> claimedNow = rows.claimDue(BATCH, now, now.plus(claim));
        claimed += claimedNow.size();
        due = claimedNow.stream().filter(event -> !relay.isInFlight(event.id())).toList();
        if (!due.isEmpty()) {
          log.info("sending {} outbox events again", due.size());
          resent.increment(due.size());
          relay.dispatch(due);
        }
      } while (claimed % BATCH == 0 && claimed > 0 && claimed < MAX_PER_SWEEP);
      OutboxRows.Backlog now = rows.backlog();
      backlog.set(now.rows());
      oldestAgeMillis.set(now.ageAt(clock.instant()).toMillis());
      parked.set(now.parked());
    } catch (RuntimeException e) {
      log.warn("outbox sweep failed: {}", e.toString());
    }
  }
}
