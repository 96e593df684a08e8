package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** A chat message was posted to refine an app; the AI builder answers through the API. */
public record ChatMessagePosted(
    UUID eventId,
    Instant occurredAt,
    String appId,
    String ownerId,
    String messageId,
    String role,
    String content)
    implements AppEvent {}
