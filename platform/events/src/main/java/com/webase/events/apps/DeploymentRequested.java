package com.webase.events.apps;

import java.time.Instant;
import java.util.UUID;

/** A deployment of an immutable snapshot was queued. */
public record DeploymentRequested(
    UUID eventId, Instant occurredAt, String appId, String ownerId, String deploymentId)
    implements AppEvent {}
