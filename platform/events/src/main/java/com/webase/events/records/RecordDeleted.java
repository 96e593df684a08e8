package com.webase.events.records;

import java.time.Instant;
import java.util.UUID;

/** A record was deleted. */
public record RecordDeleted(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String model, String recordId)
    implements RecordsEvent {}
