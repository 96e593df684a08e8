package com.webase.apps.evaluation.checks;

import java.util.Arrays;

/**
 * Turns a character offset in a text into its 1-based line. A line ends at {@code '\n'}, so CRLF
 * files count the same as LF files. Immutable.
 */
final class LineNumbers {

  private final int[] lineStarts;

  LineNumbers(CharSequence text) {
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  /** The line holding {@code offset}, or {@code null} when the offset is unknown (negative). */
  Integer lineOf(int offset) {
    if (offset < 0) {
      return null;
    }
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found + 1 : -found - 1;
  }

  /** The 1-based column of {@code offset} on its line; {@code offset} must be known. */
  int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }
}
