package com.webase.apps.chat.refining;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders and readers for refiner tests. */
final class AppFiles {

  private AppFiles() {}

  /** Files from alternating path and text content. */
  static Map<String, byte[]> of(String... pathsAndContents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  static RefinementRequest request(Map<String, byte[]> files, String message) {
    return new RefinementRequest("app-1", files, List.of(), message);
  }

  static String diffBlock(String diff) {
    return "Please apply this:\n\n```diff\n" + diff + "```\n";
  }

  static Refinement.Change change(Refinement refinement) {
    assertThat(refinement).isInstanceOf(Refinement.Change.class);
    return (Refinement.Change) refinement;
  }

  static String reasonNothingChanged(Refinement refinement) {
    assertThat(refinement).isInstanceOf(Refinement.NoChange.class);
    return refinement.reply();
  }

  /** The new text of a changed file. */
  static String text(Refinement refinement, String path) {
    Refinement.Change change = change(refinement);
    assertThat(change.changes()).containsKey(path);
    byte[] content = change.changes().get(path);
    assertThat(content).as("%s is written, not deleted", path).isNotNull();
    return new String(content, StandardCharsets.UTF_8);
  }

  /** Lines "line 1" … "line n", each ending in a newline. */
  static String numberedLines(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append("line ").append(i).append('\n');
    }
    return text.toString();
  }
}
