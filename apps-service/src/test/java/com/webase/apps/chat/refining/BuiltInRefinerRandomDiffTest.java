package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Many seeded random edits, each written as a unified diff with three lines of context the way
 * {@code diff -u} does, applied to the file — sometimes CRLF, sometimes with lines added or removed
 * above the first hunk since the diff was written — must give exactly the edited file. And mangled
 * diffs must always end in a reply, never in an exception.
 */
class BuiltInRefinerRandomDiffTest {

  private static final String[] WORDS = {"alpha", "beta", "gamma", "<div>", "}", "", "  x = 1;"};

  private final BuiltInRefiner refiner = new BuiltInRefiner();

  private record Edit(int at, int removed, List<String> added) {}

  private record Case(String file, String diff, String expected) {}

  @Test
  void randomDiffsReproduceTheEditedFileEvenWhenItsLinesHaveShifted() {
    for (long seed = 1; seed <= 400; seed++) {
      Case example = randomCase(new Random(seed));

      Refinement result =
          refiner.refine(
              request(
                  Map.of("f.txt", example.file().getBytes(StandardCharsets.UTF_8)),
                  "```diff\n" + example.diff() + "```"));

      assertThat(result.reply())
          .as("seed %d, diff:%n%s", seed, example.diff())
          .startsWith("Applied");
      String actual =
          new String(((Refinement.Change) result).changes().get("f.txt"), StandardCharsets.UTF_8);
      assertThat(actual)
          .as("seed %d, diff:%n%s", seed, example.diff())
          .isEqualTo(example.expected());
    }
  }

  @Test
  void mangledDiffsAlwaysEndInAReplyNeverInAnException() {
    Case example = randomCase(new Random(42));
    for (long seed = 1; seed <= 3_000; seed++) {
      Random random = new Random(seed);
      String mangled = mangle(example.diff(), random);

      Refinement result =
          refiner.refine(
              request(
                  Map.of("f.txt", example.file().getBytes(StandardCharsets.UTF_8)),
                  "```diff\n" + mangled + "```"));

      assertThat(result.reply())
          .as("seed %d, diff:%n%s", seed, mangled)
          .doesNotContain("internal error")
          .matches(reply -> reply.startsWith("Applied the change") || reply.startsWith("Nothing"));
    }
  }

  private static Case randomCase(Random random) {
    int size = 10 + random.nextInt(150);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      lines.add("L" + i + " " + WORDS[random.nextInt(WORDS.length)]);
    }
    List<Edit> edits = new ArrayList<>();
    int at = random.nextInt(5);
    while (at < size) {
      int removed = Math.min(random.nextInt(4), size - at);
      List<String> added = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0 || (removed == 0 && added.isEmpty()); i--) {
        added.add(
            "N" + edits.size() + "." + added.size() + " " + WORDS[random.nextInt(WORDS.length)]);
      }
      edits.add(new Edit(at, removed, added));
      at += removed + 7 + random.nextInt(25);
    }

    StringBuilder diff = new StringBuilder("--- a/f.txt\n+++ b/f.txt\n");
    int delta = 0;
    for (Edit edit : edits) {
      int contextStart = Math.max(0, edit.at() - 3);
      int contextEnd = Math.min(size, edit.at() + edit.removed() + 3);
      int oldCount = contextEnd - contextStart;
      int newCount = oldCount - edit.removed() + edit.added().size();
      diff.append(
          "@@ -%d,%d +%d,%d @@%n"
              .formatted(contextStart + 1, oldCount, contextStart + 1 + delta, newCount)
              .replace("\r", ""));
      lines.subList(contextStart, edit.at()).forEach(l -> diff.append(' ').append(l).append('\n'));
      lines
          .subList(edit.at(), edit.at() + edit.removed())
          .forEach(l -> diff.append('-').append(l).append('\n'));
      edit.added().forEach(l -> diff.append('+').append(l).append('\n'));
      lines
          .subList(edit.at() + edit.removed(), contextEnd)
          .forEach(l -> diff.append(' ').append(l).append('\n'));
      delta += edit.added().size() - edit.removed();
    }

    List<String> edited = new ArrayList<>(lines);
    for (Edit edit : edits.reversed()) {
      List<String> window = edited.subList(edit.at(), edit.at() + edit.removed());
      window.clear();
      window.addAll(edit.added());
    }

    // Since the diff was written, the file may have gained lines above its first hunk, or lost
    // some there.
    List<String> before = new ArrayList<>(lines);
    List<String> after = new ArrayList<>(edited);
    int firstContext = Math.max(0, edits.getFirst().at() - 3);
    switch (random.nextInt(3)) {
      case 0 -> {
        List<String> prepended = new ArrayList<>();
        for (int i = random.nextInt(12); i >= 0; i--) {
          prepended.add("X" + i);
        }
        before.addAll(0, prepended);
        after.addAll(0, prepended);
      }
      case 1 -> {
        int dropped = firstContext == 0 ? 0 : 1 + random.nextInt(firstContext);
        before.subList(0, dropped).clear();
        after.subList(0, dropped).clear();
      }
      default -> {}
    }
    String ending = random.nextInt(4) == 0 ? "\r\n" : "\n";
    return new Case(joined(before, ending), diff.toString(), joined(after, ending));
  }

  private static String joined(List<String> lines, String ending) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append(ending));
    return text.toString();
  }

  private static String mangle(String diff, Random random) {
    List<String> lines = new ArrayList<>(List.of(diff.split("\n", -1)));
    for (int round = 1 + random.nextInt(3); round > 0; round--) {
      int index = random.nextInt(lines.size());
      String line = lines.get(index);
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(index);
        case 1 -> lines.add(index, line);
        case 2 ->
            lines.set(index, line.isEmpty() ? "@" : line.substring(random.nextInt(line.length())));
        case 3 -> lines.set(index, line.replaceAll("\\d", String.valueOf(random.nextInt(10))));
        case 4 -> lines.set(index, "\\ No newline at end of file");
        case 5 -> lines.set(index, line.replace(",", ",9999"));
        default -> lines.subList(index, lines.size()).clear();
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }
}
