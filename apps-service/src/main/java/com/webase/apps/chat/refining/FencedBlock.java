package com.webase.apps.chat.refining;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fenced code block of a Markdown message, as CommonMark reads it: an opening fence of three or
 * more backticks or tildes, indented by at most three spaces, with an info string; a closing fence
 * of the same character at least as long; an unclosed block runs to the end of the message.
 *
 * @param language the first word of the info string, lower case ({@code ""} when there is none)
 * @param content the lines between the fences, {@code \n}-separated, without carriage returns
 */
record FencedBlock(String language, String content) {

  static List<FencedBlock> in(String message) {
    String[] lines = message.split("\n", -1);
    List<FencedBlock> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      Fence opening = Fence.opening(withoutCarriageReturn(lines[i]));
      if (opening == null) {
        i++;
        continue;
      }
      StringBuilder content = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !opening.isClosedBy(withoutCarriageReturn(lines[j]))) {
        if (j > i + 1) {
          content.append('\n');
        }
        content.append(opening.unindent(withoutCarriageReturn(lines[j])));
        j++;
      }
      blocks.add(new FencedBlock(opening.language(), content.toString()));
      i = j + 1;
    }
    return blocks;
  }

  private static String withoutCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private record Fence(int indent, char character, int length, String language) {

    static Fence opening(String line) {
      int indent = 0;
      while (indent < line.length() && indent < 4 && line.charAt(indent) == ' ') {
        indent++;
      }
      if (indent > 3 || indent == line.length()) {
        return null;
      }
      char character = line.charAt(indent);
      if (character != '`' && character != '~') {
        return null;
      }
      int end = indent;
      while (end < line.length() && line.charAt(end) == character) {
        end++;
      }
      int length = end - indent;
      String info = line.substring(end).strip();
      if (length < 3 || (character == '`' && info.indexOf('`') >= 0)) {
        return null;
      }
      String language = info.isEmpty() ? "" : info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      return new Fence(indent, character, length, language);
    }

    boolean isClosedBy(String line) {
      String stripped = line.stripLeading();
      if (line.length() - stripped.length() > 3) {
        return false;
      }
      int run = 0;
      while (run < stripped.length() && stripped.charAt(run) == character) {
        run++;
      }
      return run >= length && stripped.substring(run).isBlank();
    }

    /** CommonMark removes up to the opening fence's indentation from each content line. */
    String unindent(String line) {
      int remove = 0;
      while (remove < indent && remove < line.length() && line.charAt(remove) == ' ') {
        remove++;
      }
      return line.substring(remove);
    }
  }
}
