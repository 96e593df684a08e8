package com.webase.apps.evaluation.checks;

import java.util.List;

/**
 * What {@link AppChecks} found in one snapshot: every check, always in the same order.
 *
 * @param passed {@code true} exactly when every check passed
 * @param checks entry-page, html, references, json, sizes
 */
public record Report(boolean passed, List<Check> checks) {

  public Report {
    checks = List.copyOf(checks);
    boolean everyCheckPassed = checks.stream().allMatch(c -> Check.PASSED.equals(c.status()));
    if (passed != everyCheckPassed) {
      throw new IllegalArgumentException("passed must be true exactly when every check passed");
    }
  }
}
