package com.webase.apps.chat.refining;

import java.util.List;

/**
 * How many lines a change adds and removes, for a reply like "modified index.html (+3 −1 lines)".
 *
 * <p>Exact (a longest common subsequence of lines, as a minimal diff counts them) when the changed
 * middle of the file is small enough; beyond that, the whole changed middle counts as removed and
 * added — a reply is not worth seconds of CPU. Stateless.
 *
 * @param added lines in the new text that are not in the old
 * @param removed lines in the old text that are not in the new
 */
record LineCounts(int added, int removed) {

  /** Above this many cells (old × new changed lines) the count is the cheap upper bound. */
  private static final long EXACT_LIMIT = 4_000_000;

  static LineCounts between(String before, String after) {
    List<String> old = before.lines().toList();
    List<String> changed = after.lines().toList();
    int prefix = 0;
    while (prefix < old.size()
        && prefix < changed.size()
        && old.get(prefix).equals(changed.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < old.size() - prefix
        && suffix < changed.size() - prefix
        && old.get(old.size() - 1 - suffix).equals(changed.get(changed.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> oldMiddle = old.subList(prefix, old.size() - suffix);
    List<String> newMiddle = changed.subList(prefix, changed.size() - suffix);
    if ((long) oldMiddle.size() * newMiddle.size() > EXACT_LIMIT) {
      return new LineCounts(newMiddle.size(), oldMiddle.size());
    }
    int common = longestCommonSubsequence(oldMiddle, newMiddle);
    return new LineCounts(newMiddle.size() - common, oldMiddle.size() - common);
  }

  private static int longestCommonSubsequence(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (String lineOfA : a) {
      for (int j = 1; j <= b.size(); j++) {
        current[j] =
            lineOfA.equals(b.get(j - 1))
                ? previous[j - 1] + 1
                : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }
}
