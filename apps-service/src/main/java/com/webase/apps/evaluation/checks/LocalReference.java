package com.webase.apps.evaluation.checks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Where a URL written in one of the app's files points, resolved the way a browser resolves it
 * against the file's own URL on the app's origin, reduced to a path of the snapshot.
 *
 * <p>Not local (nothing to check): a URL with a scheme ({@code https:}, {@code data:}, {@code
 * mailto:}, any other), a protocol-relative {@code //host/…}, an empty value, a pure fragment
 * {@code #x} and a pure query {@code ?x} (both mean the referring document itself). Otherwise the
 * query and fragment are dropped (the server serves the same file whatever they are), each path
 * segment is percent-decoded, and {@code .}/{@code ..} are applied; a {@code ..} above the root is
 * reported rather than clamped as a browser would, because it always means the author pointed at
 * something that is not part of the app (a {@code node_modules} beside it, a parent project).
 *
 * <p>Stateless; thread-safe.
 */
final class LocalReference {

  /** RFC 3986 scheme, as the URL standard recognises it before the first ':'. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");

  private LocalReference() {}

  /** What a written reference points at. */
  sealed interface Target {}

  /** Something outside the app's origin, or the referring document itself. */
  record NotLocal() implements Target {}

  /** A path that climbs above the app's root. */
  record OutsideApp() implements Target {}

  /**
   * A path inside the app.
   *
   * @param path normalised, no leading or trailing '/'; "" for the root
   * @param directory the reference names a folder (written with a trailing '/', or the root), so it
   *     resolves to the folder's index page and never to a file of that name
   */
  record InApp(String path, boolean directory) implements Target {}

  /** {@code true} for a URL that leaves the app's origin: one with a scheme, or {@code //host}. */
  static boolean isExternal(String written) {
    String value = clean(written);
    return value.startsWith("//") || SCHEME.matcher(value).find();
  }

  /**
   * Resolves {@code written} as found in a file whose directory is {@code baseDirectory} ("" for
   * the root, else ending in '/').
   */
  static Target resolve(String written, String baseDirectory) {
    String value = clean(written);
    if (value.isEmpty() || value.startsWith("#") || isExternal(value)) {
      return new NotLocal();
    }
    int fragment = value.indexOf('#');
    if (fragment >= 0) {
      value = value.substring(0, fragment);
    }
    int query = value.indexOf('?');
    if (query >= 0) {
      value = value.substring(0, query);
    }
    if (value.isEmpty()) {
      return new NotLocal();
    }
    String full = value.startsWith("/") ? value.substring(1) : baseDirectory + value;
    Deque<String> segments = new ArrayDeque<>();
    boolean directory = false;
    for (String raw : full.split("/", -1)) {
      String segment = percentDecoded(raw);
      directory = segment.isEmpty() || segment.equals(".") || segment.equals("..");
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          return new OutsideApp();
        }
        segments.removeLast();
      } else if (!directory) {
        segments.addLast(segment);
      }
    }
    return new InApp(String.join("/", segments), directory || segments.isEmpty());
  }

  /**
   * Browsers strip leading and trailing spaces and controls from a URL attribute, drop tabs and
   * newlines inside it, and read '\' as '/' in http(s) URLs; an app that relies on any of these
   * works when deployed, so it must pass here too.
   */
  private static String clean(String written) {
    StringBuilder out = new StringBuilder(written.length());
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      out.append(c == '\\' ? '/' : c);
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && out.charAt(end - 1) <= ' ') {
      end--;
    }
    return out.substring(start, end);
  }

  /**
   * Decodes %XX escapes as UTF-8; a '%' not followed by two hex digits stays as it is, as in the
   * URL standard. '+' is not a space in a path.
   */
  private static String percentDecoded(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length) {
        int high = Character.digit(raw[i + 1], 16);
        int low = Character.digit(raw[i + 2], 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high << 4 | low);
          i += 2;
          continue;
        }
      }
      bytes.write(raw[i]);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
