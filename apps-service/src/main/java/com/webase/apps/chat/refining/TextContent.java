package com.webase.apps.chat.refining;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Which file contents are text, and how text is quoted in a reply. Stateless. */
final class TextContent {

  /** Lines quoted in a reply are cut to this many characters, so a reply stays readable. */
  static final int QUOTE_LIMIT = 60;

  private TextContent() {}

  /**
   * The content as text, or empty when it is not valid UTF-8 or holds a NUL character (what git
   * also treats as binary).
   */
  static Optional<String> decode(byte[] content) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException notUtf8) {
      return Optional.empty();
    }
  }

  static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A line of code as a Markdown code span, shortened to {@link #QUOTE_LIMIT} characters. */
  static String quote(String line) {
    if (line.isBlank()) {
      return "an empty line";
    }
    String shown =
        line.codePointCount(0, line.length()) > QUOTE_LIMIT
            ? line.substring(0, line.offsetByCodePoints(0, QUOTE_LIMIT)) + "…"
            : line;
    return shown.indexOf('`') >= 0 ? "`` " + shown + " ``" : "`" + shown + "`";
  }

  /** A size in bytes as people read it: 512 bytes, 12 KB, 1.5 MB (decimal units). */
  static String size(long bytes) {
    if (bytes < 1_000) {
      return bytes + " bytes";
    }
    if (bytes < 1_000_000) {
      return trim(bytes / 1_000.0) + " KB";
    }
    return trim(bytes / 1_000_000.0) + " MB";
  }

  private static String trim(double value) {
    String oneDecimal = String.format(java.util.Locale.ROOT, "%.1f", value);
    return oneDecimal.endsWith(".0")
        ? oneDecimal.substring(0, oneDecimal.length() - 2)
        : oneDecimal;
  }

  /**
   * The path as apps store it: no leading {@code /} or {@code ./}. Anything else (.., backslashes,
   * length) is the caller's to validate.
   */
  static String normalisePath(String path) {
    String normalised = path;
    while (normalised.startsWith("/") || normalised.startsWith("./")) {
      normalised = normalised.substring(normalised.startsWith("/") ? 1 : 2);
    }
    return normalised;
  }
}
