package com.webase.apps.evaluation.checks;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's content read as UTF-8, the encoding the app's text files are served in.
 *
 * @param text the content without a leading byte order mark (browsers drop it); malformed bytes
 *     read as U+FFFD, so the other checks still see the rest of the file
 * @param lines line numbers for offsets in {@code text}
 * @param malformed where the first byte that is not UTF-8 is, or {@code null} when the file is
 *     valid UTF-8
 */
record DecodedText(String text, LineNumbers lines, Malformed malformed) {

  private static final int BOM_LENGTH = 3;

  /**
   * The first invalid byte.
   *
   * @param line its 1-based line
   * @param value the byte, 0–255
   */
  record Malformed(int line, int value) {}

  static DecodedText of(byte[] content) {
    int start = hasUtf8ByteOrderMark(content) ? BOM_LENGTH : 0;
    ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // UTF-8 never needs more chars than bytes, so one buffer takes the whole file.
    CharBuffer out = CharBuffer.allocate(content.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      decoder.flush(out);
      String text = out.flip().toString();
      return new DecodedText(text, new LineNumbers(text), null);
    }
    int bad = in.position();
    String text = new String(content, start, content.length - start, StandardCharsets.UTF_8);
    return new DecodedText(
        text, new LineNumbers(text), new Malformed(lineAtByte(content, bad), content[bad] & 0xFF));
  }

  private static boolean hasUtf8ByteOrderMark(byte[] content) {
    return content.length >= BOM_LENGTH
        && (content[0] & 0xFF) == 0xEF
        && (content[1] & 0xFF) == 0xBB
        && (content[2] & 0xFF) == 0xBF;
  }

  private static int lineAtByte(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (content[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
