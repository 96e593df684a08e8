package com.webase.apps.files;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a file's path: relative, '/'-separated, NFC-normalised; no empty, {@code .} or
 * {@code ..} segment, no backslash, no control character; at most {@value #MAX_LENGTH} characters,
 * {@value #MAX_DEPTH} segments and {@value #MAX_SEGMENT} characters a segment. A path is never
 * corrected — {@code a//b} or {@code ./a} is refused, not read as {@code a/b} — so what a client
 * sends is exactly what it gets back.
 */
public final class FilePath {

  static final int MAX_LENGTH = 512;
  static final int MAX_DEPTH = 16;
  static final int MAX_SEGMENT = 255;
  private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\\\]");

  private FilePath() {}

  /** The path in normal form, or why it is not a path. */
  public static Result check(String path) {
    if (path == null || path.isEmpty()) {
      return new Result(null, "must not be empty");
    }
    String nfc = Normalizer.normalize(path, Normalizer.Form.NFC);
    if (nfc.length() > MAX_LENGTH) {
      return new Result(null, "must have at most " + MAX_LENGTH + " characters");
    }
    if (nfc.startsWith("/")) {
      return new Result(null, "must be relative (no leading /)");
    }
    if (FORBIDDEN.matcher(nfc).find()) {
      return new Result(null, "must not contain control characters or backslashes");
    }
    String[] segments = nfc.split("/", -1);
    if (segments.length > MAX_DEPTH) {
      return new Result(null, "must have at most " + MAX_DEPTH + " segments");
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return new Result(null, "must not have empty segments (// or a trailing /)");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return new Result(null, "must not contain . or .. segments");
      }
      if (segment.length() > MAX_SEGMENT) {
        return new Result(null, "must have segments of at most " + MAX_SEGMENT + " characters");
      }
    }
    return new Result(nfc, null);
  }

  /** A checked path: {@code path} when valid, else {@code problem}. */
  public record Result(String path, String problem) {
    public boolean valid() {
      return path != null;
    }

    public Optional<String> problemIfAny() {
      return Optional.ofNullable(problem);
    }
  }
}
