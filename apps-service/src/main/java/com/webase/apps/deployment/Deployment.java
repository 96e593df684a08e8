package com.webase.apps.deployment;

import java.time.Instant;
import java.util.UUID;

/**
 * A deployment: the immutable manifest of one revision, built and then served as the app's live
 * site. {@code queued → building → live}, or {@code failed} with a reason; a live deployment
 * becomes {@code retired} when another replaces it, and live again when promoted.
 */
public record Deployment(
    UUID id,
    UUID appId,
    int revision,
    String status,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant liveSince) {

  public boolean isLive() {
    return "live".equals(status);
  }
}
