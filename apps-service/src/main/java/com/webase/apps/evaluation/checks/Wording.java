package com.webase.apps.evaluation.checks;

import java.util.Locale;

/** How counts and sizes read in summaries and findings: the same way in every check. */
final class Wording {

  private Wording() {}

  /** "1 file", "3 files". */
  static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  /** "is" or "are", agreeing with {@code n}. */
  static String is(long n) {
    return n == 1 ? "is" : "are";
  }

  /** "1,536 bytes (1.5 KiB)": exact for the record, rounded for the reader. */
  static String bytes(long n) {
    String exact = String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "byte" : "bytes");
    if (n < 1024) {
      return exact;
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return exact + String.format(Locale.ROOT, " (%.1f %s)", value, units[unit]);
  }
}
