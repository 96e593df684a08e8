package com.webase.testkit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports how long each server took to start, on the console where a developer sees it. */
final class StartupLog {

  private static final Logger log = LoggerFactory.getLogger("com.webase.testkit");

  private StartupLog() {}

  static void ready(String server, String where, long startedNanos) {
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    String line =
        String.format("[test-kit] %s ready at %s in %.1f s", server, where, took.toMillis() / 1e3);
    log.info(line);
    System.err.println(line);
  }
}
