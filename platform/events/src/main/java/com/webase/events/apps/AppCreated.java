package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** An application was created. */
public record AppCreated(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String slug, String name)
    implements AppEvent {}
