package com.webase.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact that happened in one service and that other services may react to.
 *
 * <p>Every event carries its own id and time, fixed when the producing transaction recorded it, so
 * that a redelivery or a resubmission after a broker outage carries the same id and consumers can
 * recognise it as a duplicate.
 */
public interface WebaseEvent {

  /** Unique id of this occurrence; the CloudEvents {@code id}. */
  UUID eventId();

  /** When the state change was committed by the producer; the CloudEvents {@code time}. */
  Instant occurredAt();

  /**
   * Id of the aggregate the event is about: the Kafka record key (so one user's or one app's events
   * stay in order) and the CloudEvents {@code subject}.
   */
  String subject();
}
