package com.webase.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Polls until a server is ready, failing with the server's own words when it does not get there.
 */
final class Waiting {

  private Waiting() {}

  static void until(
      String what, Duration timeout, BooleanSupplier ready, Supplier<String> diagnostics) {
    try {
      Awaitility.await(what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .pollDelay(Duration.ZERO)
          .ignoreExceptions()
          .until(ready::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          what + " was not ready within " + timeout + ":\n" + diagnostics.get(), e);
    }
  }
}
