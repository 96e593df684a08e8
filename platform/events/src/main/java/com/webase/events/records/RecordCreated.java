package com.webase.events.records;

import java.time.Instant;
import java.util.UUID;

/** A record was created. */
public record RecordCreated(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String model, String recordId)
    implements RecordsEvent {}
