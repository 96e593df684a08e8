package com.webase.apps.chat.refining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files as a message's blocks leave them, step by step, over the app's current files — so a
 * second block sees what the first one did — and, at the end, the difference from the current files
 * as a {@link Refinement.Change} map and a summary in words.
 *
 * <p>Not thread-safe; one instance per request.
 */
final class PendingChange {

  private final Map<String, byte[]> current;

  /** Paths written or deleted so far, in the order first touched; an empty value is a deletion. */
  private final Map<String, Optional<byte[]>> touched = new LinkedHashMap<>();

  PendingChange(Map<String, byte[]> current) {
    this.current = current;
  }

  /** The file's content now, or empty when it does not exist (anymore). */
  Optional<byte[]> content(String path) {
    Optional<byte[]> written = touched.get(path);
    return written != null ? written : Optional.ofNullable(current.get(path));
  }

  boolean exists(String path) {
    return content(path).isPresent();
  }

  void write(String path, byte[] content) {
    touched.put(path, Optional.of(content));
  }

  void delete(String path) {
    touched.put(path, Optional.empty());
  }

  /**
   * The files that differ from the current ones: path → new content, or null for a deleted file. A
   * file written with the content it already had, or created and deleted again, is left out.
   */
  Map<String, byte[]> changes() {
    Map<String, byte[]> changes = new LinkedHashMap<>();
    touched.forEach(
        (path, content) -> {
          byte[] before = current.get(path);
          if (content.isEmpty() && before != null) {
            changes.put(path, null);
          } else if (content.isPresent() && !Arrays.equals(before, content.get())) {
            changes.put(path, content.get());
          }
        });
    return changes;
  }

  /** "modified index.html (+3 −1 lines), created app.js, deleted old.css", for the changes. */
  String summary() {
    List<String> parts = new ArrayList<>();
    changes()
        .forEach(
            (path, content) -> {
              byte[] before = current.get(path);
              if (content == null) {
                parts.add("deleted " + path);
              } else if (before == null) {
                parts.add("created " + path);
              } else {
                parts.add("modified " + path + lineCounts(before, content));
              }
            });
    return String.join(", ", parts);
  }

  private static String lineCounts(byte[] before, byte[] after) {
    Optional<String> oldText = TextContent.decode(before);
    Optional<String> newText = TextContent.decode(after);
    if (oldText.isEmpty() || newText.isEmpty()) {
      return "";
    }
    LineCounts counts = LineCounts.between(oldText.get(), newText.get());
    if (counts.added() == 0 && counts.removed() == 0) {
      return withoutLineEndings(oldText.get()).equals(withoutLineEndings(newText.get()))
          ? " (line endings only)"
          : "";
    }
    return " (+%d −%d lines)".formatted(counts.added(), counts.removed());
  }

  private static String withoutLineEndings(String text) {
    return String.join("", text.lines().toList());
  }
}
