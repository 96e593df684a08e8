package com.webase.apps.evaluation.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@value Check#SIZES} check: no file is larger than the limit for one file, and all of them
 * together stay within the limit for an app. The finding for the total has no path (it is about the
 * app) and names the largest files, the ones worth shrinking first.
 *
 * <p>Immutable; thread-safe.
 */
final class SizesCheck {

  private static final int LARGEST_NAMED = 3;

  private final long maxFileBytes;
  private final long maxTotalBytes;
  private final int maxFindings;

  SizesCheck(long maxFileBytes, long maxTotalBytes, int maxFindings) {
    this.maxFileBytes = maxFileBytes;
    this.maxTotalBytes = maxTotalBytes;
    this.maxFindings = maxFindings;
  }

  Check run(Snapshot snapshot) {
    BoundedFindings findings = new BoundedFindings(maxFindings);
    long total = 0;
    int oversize = 0;
    List<String> paths = new ArrayList<>();
    for (String path : snapshot.paths()) {
      long size = snapshot.size(path);
      total += size;
      paths.add(path);
      if (size > maxFileBytes) {
        oversize++;
        findings.add(
            path,
            null,
            "is "
                + Wording.bytes(size)
                + ", over the limit of "
                + Wording.bytes(maxFileBytes)
                + " for one file.");
      }
    }
    boolean totalTooLarge = total > maxTotalBytes;
    if (totalTooLarge) {
      String largest =
          paths.stream()
              .sorted(Comparator.comparingLong(snapshot::size).reversed())
              .limit(LARGEST_NAMED)
              .map(p -> p + ", " + Wording.bytes(snapshot.size(p)))
              .collect(Collectors.joining("; "));
      findings.add(
          null,
          null,
          "The app's files total "
              + Wording.bytes(total)
              + ", over the limit of "
              + Wording.bytes(maxTotalBytes)
              + " for an app. The largest: "
              + largest
              + ".");
    }
    return findings.toCheck(Check.SIZES, summary(snapshot.fileCount(), oversize, total));
  }

  private String summary(int files, int oversize, long total) {
    if (files == 0) {
      return "There are no files.";
    }
    List<String> problems = new ArrayList<>();
    if (oversize > 0) {
      problems.add(
          oversize
              + " of "
              + Wording.count(files, "file", "files")
              + " "
              + Wording.is(oversize)
              + " over the limit of "
              + Wording.bytes(maxFileBytes)
              + " for one file");
    }
    if (total > maxTotalBytes) {
      problems.add(
          "the app totals "
              + Wording.bytes(total)
              + ", over its limit of "
              + Wording.bytes(maxTotalBytes));
    }
    if (problems.isEmpty()) {
      return (files == 1 ? "The app's one file is " : "The app's " + files + " files total ")
          + Wording.bytes(total)
          + ", within the limits.";
    }
    String sentence = String.join("; ", problems) + ".";
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
