package com.webase.events.records;

import java.time.Instant;
import java.util.UUID;

/** A data model was added to an app. */
public record ModelCreated(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String model)
    implements RecordsEvent {}
