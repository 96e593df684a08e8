package com.webase.apps.evaluation.checks;

import java.util.Objects;

/**
 * One problem a check found, worded so the person (or the AI builder) reading the report can fix it
 * without opening the checker's source.
 *
 * @param path the file the problem is in or about, as the snapshot names it; {@code null} only when
 *     the problem concerns the app as a whole (its total size)
 * @param line the 1-based line in that file when known, else {@code null}
 * @param message what is wrong and, where it helps, what to do about it
 */
public record Finding(String path, Integer line, String message) {

  public Finding {
    if (line != null && line < 1) {
      throw new IllegalArgumentException("line is 1-based, was " + line);
    }
    Objects.requireNonNull(message, "message");
  }
}
