package com.webase.platform.events;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What became of the direct sends of {@link UrgentEvents}, for the outbox: an event the broker has
 * already acknowledged on the direct path is not sent a second time (decision 0013).
 *
 * <p>An entry is made inside the publishing transaction, settled by the direct send after commit,
 * and taken out when the outbox asks about it. One the outbox never asks about (a rollback is
 * forgotten at once; anything else would be a lost hand-over) is dropped after {@link #KEEP}.
 * Thread-safe.
 */
final class DirectSends {

  static final Duration KEEP = Duration.ofMinutes(10);

  private record Pending(CompletableFuture<Boolean> acknowledged, long madeAtNanos) {}

  private final Map<UUID, Pending> byEventId = new ConcurrentHashMap<>();

  /** The event will be sent directly once its transaction commits. */
  void expect(UUID eventId) {
    long now = System.nanoTime();
    byEventId.values().removeIf(pending -> now - pending.madeAtNanos() > KEEP.toNanos());
    byEventId.put(eventId, new Pending(new CompletableFuture<>(), now));
  }

  /** The outcome of the direct send: whether the broker acknowledged it. */
  void settle(UUID eventId, boolean acknowledged) {
    Pending pending = byEventId.get(eventId);
    if (pending != null) {
      pending.acknowledged().complete(acknowledged);
    }
  }

  /** The transaction did not commit: nothing is sent, by either path. */
  void forget(UUID eventId) {
    byEventId.remove(eventId);
  }

  /**
   * Whether the broker acknowledged the direct send of this event, waiting up to {@code wait} for a
   * send still under way. False for an event never sent directly, a failed or late direct send, and
   * any event asked about before (the entry is taken out): the outbox then sends it itself.
   */
  boolean acknowledged(UUID eventId, Duration wait) {
    Pending pending = byEventId.remove(eventId);
    if (pending == null) {
      return false;
    }
    try {
      return pending.acknowledged().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
