package com.webase.platform.events;

import com.webase.events.DecodedEvent;
import com.webase.events.EventCodec;
import com.webase.events.EventEnvelope;
import com.webase.events.WebaseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each consumed event at most once per consumer.
 *
 * <p>Call {@link #handle} from a {@code @KafkaListener}. It reads the CloudEvents envelope, skips
 * (with a log line and the {@code webase.events.skipped} counter) types this build does not know
 * and newer schema versions, and otherwise records the event id in {@code processed_event} and runs
 * the handler in one database transaction — so a redelivered event finds its id and has no second
 * effect. A malformed event throws {@link com.webase.events.MalformedEventException}, which the
 * kit's error handler sends straight to the dead-letter topic.
 *
 * <p>Thread-safe.
 */
public class EventInbox {

  private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

  private final EventCodec codec;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  EventInbox(
      EventCodec codec, JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
    this.codec = codec;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Handles {@code record} for the consumer group of the calling listener.
   *
   * @return whether the handler ran (false: skipped or already processed)
   */
  public boolean handle(ConsumerRecord<String, byte[]> record, EventHandler handler) {
    String consumer = KafkaUtils.getConsumerGroupId();
    if (consumer == null) {
      throw new IllegalStateException("EventInbox.handle must be called from a @KafkaListener");
    }
    return handle(record, consumer, handler);
  }

  /** Handles {@code record} for the named consumer. */
  public boolean handle(
      ConsumerRecord<String, byte[]> record, String consumer, EventHandler handler) {
    DecodedEvent decoded = codec.decode(name -> lastHeader(record, name), record.value());
    return switch (decoded) {
      case DecodedEvent.UnknownType unknown -> skip(consumer, decoded, "unknown-type");
      case DecodedEvent.NewerSchemaVersion newer -> skip(consumer, decoded, "newer-schema-version");
      case DecodedEvent.Known known ->
          Boolean.TRUE.equals(
              transactions.execute(
                  status -> {
                    int inserted =
                        jdbc.sql(
                                """
                                insert into processed_event (consumer, event_id, event_type)
                                values (?, ?, ?) on conflict do nothing
                                """)
                            .params(consumer, known.envelope().id(), known.envelope().type())
                            .update();
                    if (inserted == 0) {
                      duplicate(consumer, known);
                      return false;
                    }
                    handler.handle(known.event(), known.envelope());
                    meters
                        .counter(
                            "webase.events.processed",
                            "consumer",
                            consumer,
                            "type",
                            known.envelope().type())
                        .increment();
                    return true;
                  }));
    };
  }

  /**
   * Handles {@code record} for the consumer group of the calling listener in two steps: {@link
   * PreparedEventHandler#prepare} outside a transaction, then {@link PreparedEventHandler#apply} in
   * the one that records the event as processed.
   *
   * @return whether the event was applied (false: skipped or already processed)
   */
  public <T> boolean handle(
      ConsumerRecord<String, byte[]> record, PreparedEventHandler<T> handler) {
    String consumer = KafkaUtils.getConsumerGroupId();
    if (consumer == null) {
      throw new IllegalStateException("EventInbox.handle must be called from a @KafkaListener");
    }
    DecodedEvent decoded = codec.decode(name -> lastHeader(record, name), record.value());
    if (!(decoded instanceof DecodedEvent.Known known)) {
      return skip(
          consumer,
          decoded,
          decoded instanceof DecodedEvent.UnknownType ? "unknown-type" : "newer-schema-version");
    }
    boolean done =
        jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(consumer, known.envelope().id())
                .query(Long.class)
                .single()
            > 0;
    if (done) {
      duplicate(consumer, known);
      return false;
    }
    T prepared = handler.prepare(known.event(), known.envelope());
    return handle(record, consumer, (event, envelope) -> handler.apply(event, envelope, prepared));
  }

  private void duplicate(String consumer, DecodedEvent.Known known) {
    meters.counter("webase.events.duplicates", "consumer", consumer).increment();
    log.info(
        "event {} ({}) was already processed by {}; skipped",
        known.envelope().id(),
        known.envelope().type(),
        consumer);
  }

  private boolean skip(String consumer, DecodedEvent decoded, String reason) {
    meters
        .counter(
            "webase.events.skipped",
            "consumer",
            consumer,
            "reason",
            reason,
            "type",
            decoded.envelope().type())
        .increment();
    log.warn(
        "event {} of type {} schema version {} skipped by {}: {}",
        decoded.envelope().id(),
        decoded.envelope().type(),
        decoded.envelope().schemaVersion(),
        consumer,
        reason);
    return false;
  }

  /**
   * Whether the record carries an event of this type ({@code ce_type}): a listener that handles one
   * type of a topic's many skips the others without a database round trip.
   */
  public boolean carries(ConsumerRecord<?, ?> record, Class<? extends WebaseEvent> type) {
    return codec.catalog().of(type).type().equals(lastHeader(record, EventEnvelope.HEADER_TYPE));
  }

  private static String lastHeader(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
