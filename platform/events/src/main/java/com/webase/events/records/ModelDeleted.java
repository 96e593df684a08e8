package com.webase.events.records;

import java.time.Instant;
import java.util.UUID;

/** A data model and its records were deleted. */
public record ModelDeleted(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String model)
    implements RecordsEvent {}
