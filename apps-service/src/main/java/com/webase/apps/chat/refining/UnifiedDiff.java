package com.webase.apps.chat.refining;

import com.webase.apps.chat.refining.FilePatch.Operation;
import com.webase.apps.chat.refining.Hunk.HunkLine;
import com.webase.apps.chat.refining.Hunk.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified diff, as {@code diff -u} and {@code git diff} write it: one or more files, each
 * with {@code --- old} / {@code +++ new} headers (with or without git's {@code a/} and {@code b/}
 * prefixes, {@code /dev/null} for a created or deleted file), optionally after a {@code diff --git}
 * line and git's extended headers (new/deleted file mode, rename, copy), and {@code @@} hunks whose
 * line counts must add up. Text before the first header (a commit message, {@code Index:} lines) is
 * ignored.
 *
 * <p>Every problem is a {@link CannotApply} naming the file and hunk. Stateless and thread-safe.
 */
final class UnifiedDiff {

  private static final Pattern HUNK_HEADER =
      Pattern.compile("^@@ -(\\d{1,9})(?:,(\\d{1,9}))? \\+(\\d{1,9})(?:,(\\d{1,9}))? @@.*$");

  private final String[] lines;
  private int next;
  private int hunkLineBudget;

  private UnifiedDiff(String text, int hunkLineBudget) {
    String[] split = text.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      if (split[i].endsWith("\r")) {
        split[i] = split[i].substring(0, split[i].length() - 1);
      }
    }
    this.lines = split;
    this.hunkLineBudget = hunkLineBudget;
  }

  /**
   * The files the diff changes, in order.
   *
   * @param hunkLineBudget how many hunk lines the diff may hold at most
   * @throws CannotApply when the diff is empty, malformed or over the budget
   */
  static List<FilePatch> parse(String text, int hunkLineBudget) {
    if (text.isBlank()) {
      throw new CannotApply("the diff is empty");
    }
    return new UnifiedDiff(text, hunkLineBudget).files();
  }

  /** How many hunk lines (context, removed, added) the patches hold. */
  static int hunkLines(List<FilePatch> patches) {
    return patches.stream()
        .flatMap(patch -> patch.hunks().stream())
        .mapToInt(hunk -> hunk.lines().size())
        .sum();
  }

  private List<FilePatch> files() {
    List<FilePatch> patches = new ArrayList<>();
    while (next < lines.length) {
      String line = lines[next];
      if (line.startsWith("diff --git ")) {
        patches.add(gitFile());
      } else if (isFileHeader(next)) {
        patches.add(plainFile());
      } else if (line.startsWith("--- ")) {
        throw new CannotApply(
            "the diff's header " + TextContent.quote(line) + " is not followed by a `+++` line");
      } else if (line.startsWith("@@")) {
        throw new CannotApply(
            "the hunk " + TextContent.quote(line) + " comes before any `--- `/`+++ ` file header");
      } else if (line.equals("-- ") && !patches.isEmpty()) {
        break; // git format-patch's signature: the version line after it is not part of the diff
      } else {
        next++;
      }
    }
    if (patches.isEmpty()) {
      throw new CannotApply(
          "the diff has no file header (`--- a/path` followed by `+++ b/path`, then `@@` hunks)");
    }
    return patches;
  }

  private boolean isFileHeader(int index) {
    return lines[index].startsWith("--- ")
        && index + 1 < lines.length
        && lines[index + 1].startsWith("+++ ");
  }

  private FilePatch plainFile() {
    Paths paths = Paths.withoutGitPrefixes(headerPath(lines[next]), headerPath(lines[next + 1]));
    next += 2;
    String name = paths.oldPath() != null ? paths.oldPath() : paths.newPath();
    if (name == null) {
      throw new CannotApply("the diff names `/dev/null` as both the old and the new file");
    }
    List<Hunk> hunks = hunks(name);
    if (hunks.isEmpty()) {
      throw new CannotApply("the diff for " + name + " has no hunks (`@@ -l,s +l,s @@`)");
    }
    Operation operation =
        paths.oldPath() == null
            ? Operation.CREATE
            : paths.newPath() == null ? Operation.DELETE : Operation.MODIFY;
    return new FilePatch(operation, paths.oldPath(), paths.newPath(), hunks, false);
  }

  private FilePatch gitFile() {
    Paths fromGitLine = gitLinePaths(lines[next].substring("diff --git ".length()));
    next++;
    boolean created = false;
    boolean deleted = false;
    boolean binary = false;
    String renameFrom = null;
    String renameTo = null;
    String copyFrom = null;
    String copyTo = null;
    while (next < lines.length
        && !lines[next].startsWith("diff --git ")
        && !lines[next].startsWith("--- ")
        && !lines[next].startsWith("@@")) {
      String line = lines[next];
      if (line.startsWith("new file mode")) {
        created = true;
      } else if (line.startsWith("deleted file mode")) {
        deleted = true;
      } else if (line.startsWith("rename from ")) {
        renameFrom = TextContent.normalisePath(unquote(line.substring("rename from ".length())));
      } else if (line.startsWith("rename to ")) {
        renameTo = TextContent.normalisePath(unquote(line.substring("rename to ".length())));
      } else if (line.startsWith("copy from ")) {
        copyFrom = TextContent.normalisePath(unquote(line.substring("copy from ".length())));
      } else if (line.startsWith("copy to ")) {
        copyTo = TextContent.normalisePath(unquote(line.substring("copy to ".length())));
      } else if (line.startsWith("Binary files ") || line.equals("GIT binary patch")) {
        binary = true;
      }
      next++;
    }
    Paths paths = fromGitLine;
    if (next < lines.length && lines[next].startsWith("--- ")) {
      if (!isFileHeader(next)) {
        throw new CannotApply(
            "the diff's header "
                + TextContent.quote(lines[next])
                + " is not followed by a `+++` line");
      }
      paths = Paths.withoutGitPrefixes(headerPath(lines[next]), headerPath(lines[next + 1]));
      next += 2;
    }
    if (created) {
      paths = new Paths(null, paths.newPath() != null ? paths.newPath() : fromGitLine.newPath());
    } else if (deleted) {
      paths = new Paths(paths.oldPath() != null ? paths.oldPath() : fromGitLine.oldPath(), null);
    }
    String name = paths.oldPath() != null ? paths.oldPath() : paths.newPath();
    if (name == null) {
      throw new CannotApply(
          "the `diff --git` line " + TextContent.quote(lines[next - 1]) + " names no file");
    }
    List<Hunk> hunks = hunks(name);
    if (binary && !hunks.isEmpty()) {
      binary = false;
    }
    Operation operation;
    String oldPath = paths.oldPath();
    String newPath = paths.newPath();
    if (renameFrom != null && renameTo != null) {
      operation = Operation.RENAME;
      oldPath = renameFrom;
      newPath = renameTo;
    } else if (copyFrom != null && copyTo != null) {
      operation = Operation.COPY;
      oldPath = copyFrom;
      newPath = copyTo;
    } else if (oldPath == null) {
      operation = Operation.CREATE;
    } else if (newPath == null) {
      operation = Operation.DELETE;
    } else if (hunks.isEmpty() && !binary) {
      operation = Operation.NONE;
    } else {
      operation = Operation.MODIFY;
    }
    return new FilePatch(operation, oldPath, newPath, hunks, binary);
  }

  private List<Hunk> hunks(String name) {
    List<Hunk> hunks = new ArrayList<>();
    while (true) {
      // Blank lines between hunks are noise from editing the diff by hand.
      int start = next;
      while (start < lines.length && lines[start].isBlank()) {
        start++;
      }
      if (start == lines.length || !lines[start].startsWith("@@")) {
        return hunks;
      }
      next = start;
      hunks.add(hunk(name, hunks.size() + 1));
    }
  }

  private Hunk hunk(String name, int number) {
    String header = lines[next];
    Matcher matcher = HUNK_HEADER.matcher(header);
    if (!matcher.matches()) {
      throw new CannotApply(
          "hunk "
              + number
              + " of "
              + name
              + " has the header "
              + TextContent.quote(header)
              + ", not the form `@@ -line,count +line,count @@`");
    }
    int oldStart = Integer.parseInt(matcher.group(1));
    int oldCount = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
    int newCount = matcher.group(4) == null ? 1 : Integer.parseInt(matcher.group(4));
    if (oldCount > hunkLineBudget || newCount > hunkLineBudget) {
      throw tooManyLines();
    }
    next++;
    List<HunkLine> hunkLines = new ArrayList<>();
    int oldSeen = 0;
    int newSeen = 0;
    boolean oldEndsWithoutNewline = false;
    boolean newEndsWithoutNewline = false;
    while (oldSeen < oldCount || newSeen < newCount) {
      if (next < lines.length && lines[next].startsWith("\\") && !hunkLines.isEmpty()) {
        // "\ No newline at end of file" is about the line before it; after a context line, about
        // both sides. Between the removed and the added lines it is about the old side's end.
        Kind previous = hunkLines.getLast().kind();
        oldEndsWithoutNewline |= previous != Kind.ADDED;
        newEndsWithoutNewline |= previous != Kind.REMOVED;
        next++;
        continue;
      }
      HunkLine line = next < lines.length ? hunkLine(next) : null;
      if (line == null) {
        throw new CannotApply(
            "hunk %d of %s ends after %d old and %d new lines, but its header %s says %d old and %d new"
                .formatted(
                    number, name, oldSeen, newSeen, TextContent.quote(header), oldCount, newCount));
      }
      if (line.kind() != Kind.ADDED) {
        oldSeen++;
      }
      if (line.kind() != Kind.REMOVED) {
        newSeen++;
      }
      if (oldSeen > oldCount || newSeen > newCount) {
        throw moreLinesThanHeaderSays(name, number, header, oldCount, newCount);
      }
      if (--hunkLineBudget < 0) {
        throw tooManyLines();
      }
      hunkLines.add(line);
      next++;
    }
    while (next < lines.length && lines[next].startsWith("\\") && !hunkLines.isEmpty()) {
      Kind last = hunkLines.getLast().kind();
      oldEndsWithoutNewline |= last != Kind.ADDED;
      newEndsWithoutNewline |= last != Kind.REMOVED;
      next++;
    }
    if (next < lines.length && isStrayHunkLine(next)) {
      throw moreLinesThanHeaderSays(name, number, header, oldCount, newCount);
    }
    return new Hunk(
        number, header, oldStart, hunkLines, oldEndsWithoutNewline, newEndsWithoutNewline);
  }

  /** The line as a hunk line, or null when it ends the hunk. */
  private HunkLine hunkLine(int index) {
    String line = lines[index];
    if (line.isEmpty()) {
      // Editors and chat boxes strip the single space of an empty context line.
      return new HunkLine(Kind.CONTEXT, "");
    }
    return switch (line.charAt(0)) {
      case ' ' -> new HunkLine(Kind.CONTEXT, line.substring(1));
      case '+' -> new HunkLine(Kind.ADDED, line.substring(1));
      case '-' -> isFileHeader(index) ? null : new HunkLine(Kind.REMOVED, line.substring(1));
      default -> null;
    };
  }

  /** A line after a complete hunk that looks like more of it: the header's counts are too small. */
  private boolean isStrayHunkLine(int index) {
    String line = lines[index];
    if (line.isEmpty() || line.equals("-- ") || isFileHeader(index)) {
      return false;
    }
    char first = line.charAt(0);
    return first == '+' || first == '-' || first == ' ';
  }

  private static CannotApply moreLinesThanHeaderSays(
      String name, int number, String header, int oldCount, int newCount) {
    return new CannotApply(
        "hunk %d of %s has more lines than its header %s says (%d old and %d new)"
            .formatted(number, name, TextContent.quote(header), oldCount, newCount));
  }

  private static CannotApply tooManyLines() {
    return new CannotApply(
        "the message's diffs hold more than %,d hunk lines, more than is applied from a chat message"
            .formatted(BuiltInRefiner.MAX_HUNK_LINES));
  }

  /** The path of a {@code ---} or {@code +++} line: a timestamp after a tab is dropped. */
  private static String headerPath(String line) {
    String value = line.substring(4);
    int tab = value.indexOf('\t');
    if (tab >= 0) {
      value = value.substring(0, tab);
    }
    value = unquote(value.stripTrailing());
    return value.equals("/dev/null") ? null : value;
  }

  /** The paths of a {@code diff --git a/x b/y} line, which is ambiguous when paths hold spaces. */
  private static Paths gitLinePaths(String rest) {
    if (rest.startsWith("\"")) {
      int end = closingQuote(rest);
      String oldPath = unquote(rest.substring(0, end + 1));
      String newPath = unquote(rest.substring(end + 1).strip());
      return Paths.withoutGitPrefixes(oldPath, newPath);
    }
    // Unquoted and the same name on both sides (the usual case): "a/P b/P".
    int half = (rest.length() - 1) / 2;
    if (rest.length() % 2 == 1
        && half >= 2
        && rest.charAt(half) == ' '
        && rest.substring(2, half).equals(rest.substring(half + 3))) {
      return Paths.withoutGitPrefixes(rest.substring(0, half), rest.substring(half + 1));
    }
    int separator = rest.lastIndexOf(" b/");
    if (separator < 0) {
      separator = rest.lastIndexOf(' ');
    }
    if (separator < 0) {
      return new Paths(null, null);
    }
    return Paths.withoutGitPrefixes(
        rest.substring(0, separator), unquote(rest.substring(separator + 1)));
  }

  private static int closingQuote(String quoted) {
    for (int i = 1; i < quoted.length(); i++) {
      if (quoted.charAt(i) == '\\') {
        i++;
      } else if (quoted.charAt(i) == '"') {
        return i;
      }
    }
    return quoted.length() - 1;
  }

  /** Git C-quotes paths with special characters: {@code "caf\303\251 menu.html"}. */
  static String unquote(String value) {
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String inner = value.substring(1, value.length() - 1);
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c != '\\' || i + 1 == inner.length()) {
        int codePoint = inner.codePointAt(i);
        bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
        continue;
      }
      char escaped = inner.charAt(++i);
      if (escaped >= '0' && escaped <= '7' && i + 2 < inner.length()) {
        bytes.write(Integer.parseInt(inner.substring(i, i + 3), 8));
        i += 2;
      } else {
        bytes.write(
            switch (escaped) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'a' -> 7;
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> 11;
              default -> escaped;
            });
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The two names of a file header, null for {@code /dev/null}. */
  private record Paths(String oldPath, String newPath) {

    /** Git writes {@code a/} and {@code b/} before the names; other tools write none. */
    static Paths withoutGitPrefixes(String oldPath, String newPath) {
      boolean gitPrefixed =
          (oldPath != null || newPath != null)
              && (oldPath == null || oldPath.startsWith("a/"))
              && (newPath == null || newPath.startsWith("b/"));
      if (gitPrefixed) {
        oldPath = oldPath == null ? null : oldPath.substring(2);
        newPath = newPath == null ? null : newPath.substring(2);
      }
      return new Paths(
          oldPath == null ? null : TextContent.normalisePath(oldPath),
          newPath == null ? null : TextContent.normalisePath(newPath));
    }
  }
}
