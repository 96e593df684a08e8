package com.webase.events.records;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records were created together, by one bulk request, in one transaction: one event for up to 500
 * records, so that a bulk write does not flood the outbox (decision 0018).
 */
public record RecordsCreated(
    UUID eventId,
    Instant occurredAt,
    String appId,
    String ownerId,
    String model,
    List<String> recordIds)
    implements RecordsEvent {

  public RecordsCreated {
    recordIds = List.copyOf(recordIds);
  }
}
