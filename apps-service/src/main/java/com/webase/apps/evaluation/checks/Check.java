package com.webase.apps.evaluation.checks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check over a snapshot.
 *
 * @param name what was checked: {@value #ENTRY_PAGE}, {@value #HTML}, {@value #REFERENCES}, {@value
 *     #JSON} or {@value #SIZES}
 * @param status {@value #PASSED} or {@value #FAILED}
 * @param summary one sentence for a person, e.g. "2 of 14 local references do not resolve."
 * @param findings the problems, in file order, at most {@link
 *     AppChecks.Limits#maxFindingsPerCheck()} of them (the summary counts them all); empty when the
 *     check passed
 */
public record Check(
    @Schema(description = "What was checked, e.g. entry-page, html, references.") String name,
    @Schema(description = "passed or failed.") String status,
    @Schema(description = "One sentence for a person.") String summary,
    @Schema(description = "The problems found, in file order.") List<Finding> findings) {

  public static final String ENTRY_PAGE = "entry-page";
  public static final String HTML = "html";
  public static final String REFERENCES = "references";
  public static final String JSON = "json";
  public static final String SIZES = "sizes";

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";

  public Check {
    Objects.requireNonNull(name, "name");
    if (!PASSED.equals(status) && !FAILED.equals(status)) {
      throw new IllegalArgumentException("status is passed or failed, was " + status);
    }
    Objects.requireNonNull(summary, "summary");
    findings = List.copyOf(findings);
  }
}
