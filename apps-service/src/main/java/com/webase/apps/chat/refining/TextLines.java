package com.webase.apps.chat.refining;

import com.webase.apps.chat.refining.Hunk.HunkLine;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines, each with its own line ending, so that applying hunks keeps a CRLF file
 * CRLF (and a mixed file as it was): lines the diff adds take the file's usual ending, lines it
 * keeps keep theirs. A byte order mark is kept too.
 *
 * <p>Lines are compared without their endings, so a diff pasted with other line endings than the
 * file's still applies. Not thread-safe; one instance per file being patched.
 */
final class TextLines {

  private static final String BOM = "\uFEFF";

  private final boolean byteOrderMark;
  private final String usualEnding;
  private final List<Line> lines;

  private record Line(String text, String ending) {}

  private TextLines(boolean byteOrderMark, String usualEnding, List<Line> lines) {
    this.byteOrderMark = byteOrderMark;
    this.usualEnding = usualEnding;
    this.lines = lines;
  }

  static TextLines empty() {
    return new TextLines(false, "\n", new ArrayList<>());
  }

  static TextLines of(String text) {
    boolean byteOrderMark = text.startsWith(BOM);
    String body = byteOrderMark ? text.substring(1) : text;
    List<Line> lines = new ArrayList<>();
    int crlf = 0;
    int lf = 0;
    int start = 0;
    while (start < body.length()) {
      int newline = body.indexOf('\n', start);
      if (newline < 0) {
        lines.add(new Line(body.substring(start), ""));
        break;
      }
      if (newline > start && body.charAt(newline - 1) == '\r') {
        lines.add(new Line(body.substring(start, newline - 1), "\r\n"));
        crlf++;
      } else {
        lines.add(new Line(body.substring(start, newline), "\n"));
        lf++;
      }
      start = newline + 1;
    }
    return new TextLines(byteOrderMark, crlf > lf ? "\r\n" : "\n", lines);
  }

  int size() {
    return lines.size();
  }

  String text() {
    StringBuilder text = new StringBuilder(byteOrderMark ? BOM : "");
    for (Line line : lines) {
      text.append(line.text()).append(line.ending());
    }
    return text.toString();
  }

  /**
   * Applies the hunks in order, each at its stated line or — when the file's lines there differ —
   * where its old lines occur exactly, nearest first (like {@code patch}'s offset, without fuzz).
   * Offsets found carry over to later hunks, and hunks never overlap.
   *
   * @param name the file's path, for the reason
   * @throws CannotApply naming the hunk, the line, and the expected and found text, when a hunk's
   *     old lines occur nowhere; the lines are then partly changed, so throw this instance away
   */
  void apply(List<Hunk> hunks, String name) {
    int offset = 0;
    int earliest = 0;
    for (Hunk hunk : hunks) {
      List<String> expected = hunk.oldLines();
      // Numbered as in the diff: a hunk without old lines names the line it goes after.
      int stated = expected.isEmpty() ? hunk.oldStart() : Math.max(hunk.oldStart() - 1, 0);
      int position;
      if (expected.isEmpty()) {
        position = lines.isEmpty() ? 0 : stated + offset;
        if (position > lines.size() || position < earliest) {
          throw new CannotApply(
              "hunk %d of %s does not apply — it adds lines after line %d, but the file has %d lines"
                  .formatted(hunk.number(), name, hunk.oldStart(), lines.size()));
        }
      } else {
        position =
            find(expected, Math.min(Math.max(stated + offset, earliest), lines.size()), earliest);
        if (position < 0) {
          throw new CannotApply(
              "hunk %d of %s does not apply — %s"
                  .formatted(hunk.number(), name, mismatch(expected, stated, stated + offset)));
        }
      }
      int added = replace(position, hunk);
      offset = position - stated + added - expected.size();
      earliest = position + added;
    }
  }

  /**
   * Line comparisons one file's hunks may make while looking for where they apply: a hunk that
   * matches nowhere in a large file would otherwise cost lines × hunk lines (a 2 MB file of
   * one-character lines and a 10,000-line hunk: minutes of a chat worker's time).
   */
  static final long MAX_COMPARISONS = 2_000_000;

  private long comparisons;

  /** Where the lines occur at or after {@code earliest}, nearest to {@code preferred}; or -1. */
  private int find(List<String> expected, int preferred, int earliest) {
    int last = lines.size() - expected.size();
    for (int distance = 0; ; distance++) {
      int after = preferred + distance;
      int before = preferred - distance;
      boolean afterInRange = after <= last;
      boolean beforeInRange = distance > 0 && before >= earliest && before <= last;
      if (!afterInRange && before < earliest) {
        return -1;
      }
      if (afterInRange && matchesAt(expected, after)) {
        return after;
      }
      if (beforeInRange && matchesAt(expected, before)) {
        return before;
      }
    }
  }

  private boolean matchesAt(List<String> expected, int position) {
    for (int i = 0; i < expected.size(); i++) {
      if (++comparisons > MAX_COMPARISONS) {
        throw new CannotApply(
            "a hunk's lines were searched for too long without being found; send a diff whose"
                + " line numbers match the file, or a JSON file set");
      }
      if (!lines.get(position + i).text().equals(expected.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The first difference at the hunk's stated place, in the diff's line numbers. */
  private String mismatch(List<String> expected, int stated, int position) {
    for (int i = 0; i < expected.size(); i++) {
      int lineNumber = stated + i + 1;
      int index = position + i;
      if (index < 0 || index >= lines.size()) {
        return "expected line %d %s but the file has only %d lines"
            .formatted(lineNumber, TextContent.quote(expected.get(i)), lines.size());
      }
      String found = lines.get(index).text();
      if (!found.equals(expected.get(i))) {
        return "expected line %d %s but found %s"
            .formatted(lineNumber, TextContent.quote(expected.get(i)), TextContent.quote(found));
      }
    }
    // The lines match at the stated place, so the place was refused for overlapping an earlier
    // hunk.
    return "it overlaps the hunk before it at line %d".formatted(stated + 1);
  }

  /** Replaces the hunk's old lines at {@code position} by its new lines; returns their count. */
  private int replace(int position, Hunk hunk) {
    boolean reachesEnd = position + hunk.oldLines().size() == lines.size();
    List<Line> replacement = new ArrayList<>();
    int cursor = position;
    boolean lastIsContext = false;
    for (HunkLine line : hunk.lines()) {
      switch (line.kind()) {
        case CONTEXT -> {
          replacement.add(lines.get(cursor++));
          lastIsContext = true;
        }
        case REMOVED -> cursor++;
        case ADDED -> {
          replacement.add(new Line(line.text(), usualEnding));
          lastIsContext = false;
        }
      }
    }
    // Only the file's last line may lack an ending: a line the hunk puts after it needs one.
    if (position > 0 && position == lines.size() && !replacement.isEmpty()) {
      endWithNewline(lines, position - 1);
    }
    for (int i = 0; i < replacement.size() - 1; i++) {
      endWithNewline(replacement, i);
    }
    if (reachesEnd && !replacement.isEmpty()) {
      int last = replacement.size() - 1;
      if (hunk.newEndsWithoutNewline()) {
        replacement.set(last, new Line(replacement.get(last).text(), ""));
      } else if (!lastIsContext || hunk.oldEndsWithoutNewline()) {
        // The diff adds the last line, or says the old last line lacked the newline the new one
        // has. A kept last line without either keeps whatever ending it had.
        endWithNewline(replacement, last);
      }
    }
    List<Line> window = lines.subList(position, cursor);
    window.clear();
    window.addAll(replacement);
    return replacement.size();
  }

  private void endWithNewline(List<Line> list, int index) {
    Line line = list.get(index);
    if (line.ending().isEmpty()) {
      list.set(index, new Line(line.text(), usualEnding));
    }
  }
}
