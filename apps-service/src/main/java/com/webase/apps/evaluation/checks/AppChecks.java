package com.webase.apps.evaluation.checks;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a snapshot of an app's files and reports what would break the deployed site: the checks
 * {@value Check#ENTRY_PAGE}, {@value Check#HTML}, {@value Check#REFERENCES}, {@value Check#JSON}
 * and {@value Check#SIZES}, always all of them, in that order (see {@link EntryPageCheck}, {@link
 * HtmlCheck}, {@link ReferencesCheck}, {@link JsonCheck}, {@link SizesCheck} for what each one
 * holds an app to).
 *
 * <p>A pure function of the files and the limits: it reads nothing else and the same snapshot
 * always yields the same report, findings in path order. Immutable and thread-safe; one instance
 * can serve every evaluation.
 */
public final class AppChecks {

  private final EntryPageCheck entryPage;
  private final HtmlCheck html;
  private final ReferencesCheck references;
  private final JsonCheck json;
  private final SizesCheck sizes;

  public AppChecks(Limits limits) {
    Objects.requireNonNull(limits, "limits");
    this.entryPage = new EntryPageCheck(limits.entryPage());
    this.html = new HtmlCheck(limits.maxFindingsPerCheck());
    this.references = new ReferencesCheck(limits.entryPage(), limits.maxFindingsPerCheck());
    this.json = new JsonCheck(limits.maxFindingsPerCheck());
    this.sizes =
        new SizesCheck(limits.maxFileBytes(), limits.maxTotalBytes(), limits.maxFindingsPerCheck());
  }

  /**
   * Runs every check over {@code files}.
   *
   * @param files the snapshot: normalised path (no leading '/', '/'-separated, no '.' or '..'
   *     segments) → content; text files are read as UTF-8. The arrays are read, never kept or
   *     changed, and must not change during the call.
   * @throws IllegalArgumentException when a path is not normalised (a caller's bug, not a finding)
   */
  public Report check(Map<String, byte[]> files) {
    Snapshot snapshot = Snapshot.of(files);
    List<Check> checks =
        List.of(
            entryPage.run(snapshot),
            html.run(snapshot),
            references.run(snapshot),
            json.run(snapshot),
            sizes.run(snapshot));
    boolean passed = checks.stream().allMatch(c -> c.status().equals(Check.PASSED));
    return new Report(passed, checks);
  }

  /**
   * What a snapshot is held to.
   *
   * @param entryPage the page a site opens on, "index.html", at the root
   * @param maxFileBytes the largest one file may be
   * @param maxTotalBytes the most all files together may take
   * @param maxFindingsPerCheck how many findings one check lists at most (its summary counts all),
   *     which bounds the size of a report
   */
  public record Limits(
      String entryPage, long maxFileBytes, long maxTotalBytes, int maxFindingsPerCheck) {

    public Limits {
      Objects.requireNonNull(entryPage, "entryPage");
      if (entryPage.isBlank() || entryPage.startsWith("/") || entryPage.contains("\\")) {
        throw new IllegalArgumentException(
            "entryPage is a normalised path such as index.html, was '" + entryPage + "'");
      }
      if (maxFileBytes < 1 || maxTotalBytes < 1) {
        throw new IllegalArgumentException("size limits are positive");
      }
      if (maxFindingsPerCheck < 1) {
        throw new IllegalArgumentException("maxFindingsPerCheck is at least 1");
      }
    }
  }
}
