package com.webase.apps.chat.refining;

import java.util.List;

/**
 * One {@code @@} section of a unified diff.
 *
 * @param number 1-based, within its file, for replies
 * @param header the {@code @@ … @@} line as written, for replies
 * @param oldStart the first old line (1-based; for a hunk without old lines, the line after which
 *     the new lines go, 0 for the start of the file)
 * @param lines the hunk's lines in order
 * @param oldEndsWithoutNewline a {@code \ No newline at end of file} follows the last old line
 * @param newEndsWithoutNewline a {@code \ No newline at end of file} follows the last new line
 */
record Hunk(
    int number,
    String header,
    int oldStart,
    List<HunkLine> lines,
    boolean oldEndsWithoutNewline,
    boolean newEndsWithoutNewline) {

  Hunk {
    lines = List.copyOf(lines);
  }

  enum Kind {
    CONTEXT,
    REMOVED,
    ADDED
  }

  record HunkLine(Kind kind, String text) {}

  /** The lines the file must hold where the hunk applies: context and removed lines, in order. */
  List<String> oldLines() {
    return lines.stream().filter(line -> line.kind() != Kind.ADDED).map(HunkLine::text).toList();
  }
}
