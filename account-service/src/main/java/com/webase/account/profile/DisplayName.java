package com.webase.account.profile;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The display name rules: 1 to 100 characters after trimming, in Unicode NFC, any letters, marks,
 * digits, punctuation and symbols — names are text and every output escapes them — but no control,
 * format, private-use or unassigned characters and no line breaks, which only serve to spoof or
 * break what shows them.
 */
final class DisplayName {

  static final int MAX_LENGTH = 100;

  private DisplayName() {}

  /** The stored form of an accepted name: trimmed, NFC, inner runs of spaces made one. */
  static String normalise(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).replaceAll(" {2,}", " ");
  }

  /** Why the (normalised) name is refused, or empty. */
  static Optional<String> problemWith(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    boolean refused =
        name.codePoints()
            .anyMatch(
                c -> {
                  int type = Character.getType(c);
                  return type == Character.CONTROL
                      || type == Character.FORMAT
                      || type == Character.PRIVATE_USE
                      || type == Character.SURROGATE
                      || type == Character.UNASSIGNED
                      || type == Character.LINE_SEPARATOR
                      || type == Character.PARAGRAPH_SEPARATOR
                      || (Character.isWhitespace(c) && c != ' ');
                });
    if (refused) {
      return Optional.of(
          "must not contain control characters, line breaks or invisible characters");
    }
    return Optional.empty();
  }
}
