package com.webase.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset a test can move, for rules about time (an expired link, a login
 * older than 15 minutes) without waiting. Register it as the service's {@code Clock} bean; JWT
 * expiry checks keep the real time.
 *
 * <p>Thread-safe.
 */
public final class MovableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves the clock forward by {@code amount} (cumulative until {@link #reset}). */
  public void advance(Duration amount) {
    offset.updateAndGet(current -> current.plus(amount));
  }

  /** Back to the real time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a movable clock is always UTC");
  }
}
