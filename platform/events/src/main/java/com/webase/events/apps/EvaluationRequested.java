package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** An evaluation of a snapshot of the app's files was queued. */
public record EvaluationRequested(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String evaluationId)
    implements AppEvent {}
