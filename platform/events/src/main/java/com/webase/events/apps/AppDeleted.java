package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** An application and everything in it was deleted. */
public record AppDeleted(UUID eventId, Instant occurredAt, String appId, String ownerId)
    implements AppEvent {}
