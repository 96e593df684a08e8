package com.webase.apps.evaluation.checks;

import io.swagger.v3.oas.annotations.media.Schema;
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
public record Finding(
    @Schema(description = "The file the finding is in.") String path,
    @Schema(description = "The line, where known.") Integer line,
    @Schema(description = "What is wrong.") String message) {

  /** A message quotes what it found: a 2 MB attribute must not make a 2 MB finding. */
  static final int MAX_MESSAGE = 300;

  /**
   * The message is shortened to {@value #MAX_MESSAGE} characters and cleaned of control characters
   * (a NUL decoded from {@code %00} would not even store): a report stays small and printable
   * whatever the snapshot holds.
   */
  public Finding {
    if (line != null && line < 1) {
      throw new IllegalArgumentException("line is 1-based, was " + line);
    }
    Objects.requireNonNull(message, "message");
    message = printable(message);
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 1) + "…";
    }
    path = path == null ? null : printable(path);
  }

  private static String printable(String text) {
    return text.replaceAll("[\\x00-\\x08\\x0B-\\x1F\\x7F]", "\uFFFD");
  }
}
