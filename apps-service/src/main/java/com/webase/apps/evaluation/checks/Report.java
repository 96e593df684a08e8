package com.webase.apps.evaluation.checks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What {@link AppChecks} found in one snapshot: every check, always in the same order.
 *
 * @param passed {@code true} exactly when every check passed
 * @param checks entry-page, html, references, json, sizes
 */
public record Report(
    @Schema(description = "True when every check passed.") boolean passed,
    @Schema(description = "Each check that was run.") List<Check> checks) {

  public Report {
    checks = List.copyOf(checks);
    boolean everyCheckPassed = checks.stream().allMatch(c -> Check.PASSED.equals(c.status()));
    if (passed != everyCheckPassed) {
      throw new IllegalArgumentException("passed must be true exactly when every check passed");
    }
  }
}
