package com.webase.apps.evaluation.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects one check's findings, keeping the first {@code max} and counting the rest, so a snapshot
 * with thousands of problems still yields a report of bounded size. Not thread-safe: one per check
 * run.
 */
final class BoundedFindings {

  private final int max;
  private final List<Finding> kept = new ArrayList<>();
  private int total;

  BoundedFindings(int max) {
    this.max = max;
  }

  void add(String path, Integer line, String message) {
    total++;
    if (kept.size() < max) {
      kept.add(new Finding(path, line, message));
    }
  }

  int total() {
    return total;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /**
   * The check's outcome: passed when nothing was found. When findings were left out, the summary
   * says so, so nobody mistakes the listed ones for all of them.
   */
  Check toCheck(String name, String summary) {
    if (total == 0) {
      return new Check(name, Check.PASSED, summary, List.of());
    }
    String shown =
        total > kept.size()
            ? String.format(
                Locale.ROOT, " Only the first %,d of %,d findings are listed.", kept.size(), total)
            : "";
    return new Check(name, Check.FAILED, summary + shown, kept);
  }
}
