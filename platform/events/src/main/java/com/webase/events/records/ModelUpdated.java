package com.webase.events.records;

import java.time.Instant;
import java.util.UUID;

/** A data model's fields changed. */
public record ModelUpdated(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String model)
    implements RecordsEvent {}
