package com.webase.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes the {@code processed_event} rows older than {@link InboxProperties#keepFor()}, a batch
 * per statement (each its own short transaction), so the inbox does not grow for ever. Counted in
 * {@code webase.inbox.pruned}. Several instances may prune at once: a row is deleted once.
 */
public class ProcessedEventPruning {

  private static final Logger log = LoggerFactory.getLogger(ProcessedEventPruning.class);

  /** A run stops after this many batches; the next run goes on. */
  static final int MAX_BATCHES_PER_RUN = 200;

  private final JdbcClient jdbc;
  private final InboxProperties properties;
  private final Clock clock;
  private final Counter pruned;

  ProcessedEventPruning(
      JdbcClient jdbc, InboxProperties properties, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.pruned =
        Counter.builder("webase.inbox.pruned")
            .description("Ids of processed events forgotten after webase.inbox.keep-for")
            .register(meters);
  }

  @Scheduled(
      fixedDelayString = "${webase.inbox.prune-interval}",
      initialDelayString = "${webase.inbox.prune-interval}")
  void pruneOnSchedule() {
    try {
      prune();
    } catch (RuntimeException e) {
      log.warn("pruning processed_event failed: {}", e.toString());
    }
  }

  /**
   * Deletes the rows processed before now minus {@code keep-for}.
   *
   * @return how many were deleted
   */
  public int prune() {
    Instant before = clock.instant().minus(properties.keepFor());
    OffsetDateTime cutoff = before.atOffset(ZoneOffset.UTC);
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      int deleted =
          jdbc.sql(
                  """
                  delete from processed_event p
                  using (select consumer, event_id from processed_event
                         where processed_at < ? order by processed_at limit ?
                         for update skip locked) old
                  where p.consumer = old.consumer and p.event_id = old.event_id
                  """)
              .params(cutoff, properties.pruneBatchSize())
              .update();
      total += deleted;
      pruned.increment(deleted);
      if (deleted < properties.pruneBatchSize()) {
        break;
      }
    }
    if (total > 0) {
      log.info("forgot {} processed events older than {}", total, properties.keepFor());
    }
    return total;
  }
}
