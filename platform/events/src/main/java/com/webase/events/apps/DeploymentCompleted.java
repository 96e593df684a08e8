package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** A deployment finished; when {@code outcome} is {@code live}, {@code url} serves it. */
public record DeploymentCompleted(
    UUID eventId,
    Instant occurredAt,
    String appId,
    String ownerId,
    String deploymentId,
    String outcome,
    String url)
    implements AppEvent {}
