package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox (DESIGN §6, decision 0017). A service publishes a {@link WebaseEvent}
 * with Spring's {@code ApplicationEventPublisher} inside its transaction; this writes the event's
 * Kafka record into {@code outbox_event} in that same transaction (all of a transaction's events in
 * one batch, just before it commits) and, once it has committed, hands them to the {@link
 * OutboxRelay} in the order they were published. A rolled-back transaction leaves nothing. An event
 * published outside a transaction is refused: it could be neither kept nor forgotten with the
 * change it announces.
 *
 * <p>Thread-safe.
 */
public class Outbox {

  private final EventCodec codec;
  private final OutboxRows rows;
  private final OutboxRelay relay;
  private final Duration claim;
  private final Clock clock;
  private final EventTracing tracing;

  Outbox(
      EventCodec codec,
      OutboxRows rows,
      OutboxRelay relay,
      Duration claim,
      Clock clock,
      EventTracing tracing) {
    this.codec = codec;
    this.rows = rows;
    this.relay = relay;
    this.claim = claim;
    this.clock = clock;
    this.tracing = tracing;
  }

  /** Every event published through the application context. */
  @EventListener
  public void onPublished(WebaseEvent event) {
    eventsOfThisTransaction().normal.add(OutgoingEvent.of(codec, event, tracing.currentContext()));
  }

  /**
   * An event {@link UrgentEvents} sends itself after commit: kept in the same outbox row, but not
   * handed to the relay.
   */
  OutgoingEvent addUrgent(WebaseEvent event, UrgentEvents sender) {
    OutgoingEvent outgoing = OutgoingEvent.of(codec, event, tracing.currentContext());
    TransactionEvents events = eventsOfThisTransaction();
    events.urgent.add(outgoing);
    events.urgentSender = sender;
    return outgoing;
  }

  /**
   * The events of the current transaction, in its own synchronization: a nested {@code
   * REQUIRES_NEW} transaction suspends its parent's, so each commits and sends only its own.
   */
  private TransactionEvents eventsOfThisTransaction() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "events must be published inside a transaction (the outbox keeps them with it)");
    }
    for (TransactionSynchronization registered :
        TransactionSynchronizationManager.getSynchronizations()) {
      if (registered instanceof TransactionEvents events && events.owner() == this) {
        return events;
      }
    }
    var events = new TransactionEvents();
    TransactionSynchronizationManager.registerSynchronization(events);
    return events;
  }

  private final class TransactionEvents implements TransactionSynchronization {
    private final List<OutgoingEvent> normal = new ArrayList<>();
    private final List<OutgoingEvent> urgent = new ArrayList<>();
    private UrgentEvents urgentSender;

    Outbox owner() {
      return Outbox.this;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      List<OutgoingEvent> all = new ArrayList<>(normal.size() + urgent.size());
      all.addAll(normal);
      all.addAll(urgent);
      Instant now = clock.instant();
      rows.insert(all, now, now.plus(claim));
    }

    @Override
    public void afterCommit() {
      Instant committed = clock.instant();
      relay.dispatch(normal.stream().map(e -> e.committedAt(committed)).toList());
      if (!urgent.isEmpty()) {
        urgentSender.sendNow(urgent.stream().map(e -> e.committedAt(committed)).toList());
      }
    }
  }
}
