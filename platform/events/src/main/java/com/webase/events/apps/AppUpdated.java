package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** An application's name or slug changed. */
public record AppUpdated(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String slug, String name)
    implements AppEvent {}
