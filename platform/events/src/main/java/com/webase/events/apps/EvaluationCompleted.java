package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** An evaluation finished; {@code outcome} is {@code passed} or {@code failed}. */
public record EvaluationCompleted(
    UUID eventId,
    Instant occurredAt,
    String appId,
    String ownerId,
    String evaluationId,
    String outcome)
    implements AppEvent {}
