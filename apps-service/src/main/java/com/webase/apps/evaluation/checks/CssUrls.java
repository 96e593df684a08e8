package com.webase.apps.evaluation.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the URLs a style sheet loads: every {@code url(…)}, quoted or not, and {@code @import} with
 * a string ({@code @import "a.css"}; {@code @import url(a.css)} is a {@code url(…)}). Comments are
 * skipped and strings are read whole, so a {@code url(} inside a comment or a {@code content: "…"}
 * string is not taken for one. Other strings ({@code local("Font")}, {@code format("woff2")}) are
 * not URLs and are left alone.
 *
 * <p>Stateless; thread-safe.
 */
final class CssUrls {

  private CssUrls() {}

  static List<WrittenReference> in(String css) {
    List<WrittenReference> found = new ArrayList<>();
    int length = css.length();
    boolean afterImport = false;
    int i = 0;
    while (i < length) {
      char c = css.charAt(i);
      if (c == '/' && i + 1 < length && css.charAt(i + 1) == '*') {
        int close = css.indexOf("*/", i + 2);
        i = close < 0 ? length : close + 2;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder value = new StringBuilder();
        int end = string(css, i, value);
        if (afterImport) {
          found.add(new WrittenReference(value.toString(), i + 1));
        }
        afterImport = false;
        i = end;
      } else if (c == '@') {
        int end = name(css, i + 1);
        afterImport = css.substring(i + 1, end).equalsIgnoreCase("import");
        i = Math.max(end, i + 1);
      } else if (isNameStart(c)) {
        int end = name(css, i);
        boolean url =
            end < length && css.charAt(end) == '(' && css.substring(i, end).equalsIgnoreCase("url");
        i = url ? url(css, end + 1, found) : end;
        afterImport = false;
      } else {
        afterImport = false;
        i++;
      }
    }
    return found;
  }

  /** Reads the inside of {@code url(}; returns the index after its ')'. */
  private static int url(String css, int start, List<WrittenReference> found) {
    int length = css.length();
    int i = start;
    while (i < length && Character.isWhitespace(css.charAt(i))) {
      i++;
    }
    if (i < length && (css.charAt(i) == '"' || css.charAt(i) == '\'')) {
      StringBuilder value = new StringBuilder();
      int end = string(css, i, value);
      found.add(new WrittenReference(value.toString(), i + 1));
      int close = css.indexOf(')', end);
      return close < 0 ? length : close + 1;
    }
    int valueStart = i;
    StringBuilder value = new StringBuilder();
    while (i < length && css.charAt(i) != ')') {
      if (css.charAt(i) == '\\') {
        i = escape(css, i + 1, value);
      } else {
        value.append(css.charAt(i++));
      }
    }
    found.add(new WrittenReference(value.toString().strip(), valueStart));
    return Math.min(i + 1, length);
  }

  /** Reads the string whose opening quote is at {@code start}; returns the index after it. */
  private static int string(String css, int start, StringBuilder value) {
    char quote = css.charAt(start);
    int i = start + 1;
    while (i < css.length()) {
      char c = css.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (c == '\n') {
        return i; // a CSS string ends, broken, at a newline
      }
      if (c == '\\') {
        i = escape(css, i + 1, value);
      } else {
        value.append(c);
        i++;
      }
    }
    return i;
  }

  /** Decodes the CSS escape whose first character is at {@code i}; returns the index after it. */
  private static int escape(String css, int i, StringBuilder out) {
    if (i >= css.length()) {
      return i;
    }
    if (css.charAt(i) == '\n') {
      return i + 1; // an escaped newline continues the string
    }
    int end = i;
    while (end < css.length() && end < i + 6 && Character.digit(css.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == i) {
      out.append(css.charAt(i));
      return i + 1;
    }
    int cp = Integer.parseInt(css.substring(i, end), 16);
    out.appendCodePoint(cp == 0 || cp > Character.MAX_CODE_POINT ? 0xFFFD : cp);
    return end < css.length() && Character.isWhitespace(css.charAt(end)) ? end + 1 : end;
  }

  private static int name(String css, int start) {
    int i = start;
    while (i < css.length()) {
      char c = css.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (isNameStart(c) || Character.isDigit(c)) {
        i++;
      } else {
        break;
      }
    }
    return Math.min(i, css.length());
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '-' || c == '_' || c == '\\' || c > 0x7F;
  }
}
