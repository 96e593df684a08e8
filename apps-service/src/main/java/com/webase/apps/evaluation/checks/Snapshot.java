package com.webase.apps.evaluation.checks;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of one {@link AppChecks#check} call, in path order, so that reports list findings in
 * the same order every time.
 *
 * <p>A page is decoded and parsed again by each check that reads it rather than kept between
 * checks: holding every parsed page of a large app at once would cost far more memory than a second
 * parse costs time. Immutable once built; the content arrays are the caller's and only read.
 */
final class Snapshot {

  private final NavigableMap<String, byte[]> files;

  private Snapshot(NavigableMap<String, byte[]> files) {
    this.files = files;
  }

  /**
   * @throws IllegalArgumentException when a path is not normalised: the source-file API stores
   *     normalised paths only, so anything else is a caller's bug, not a finding
   */
  static Snapshot of(Map<String, byte[]> files) {
    NavigableMap<String, byte[]> sorted = new TreeMap<>();
    files.forEach(
        (path, content) -> {
          requireNormalised(path);
          sorted.put(path, Objects.requireNonNull(content, () -> "content of " + path));
        });
    return new Snapshot(sorted);
  }

  Set<String> paths() {
    return Collections.unmodifiableSet(files.keySet());
  }

  int fileCount() {
    return files.size();
  }

  boolean contains(String path) {
    return files.containsKey(path);
  }

  long size(String path) {
    return files.get(path).length;
  }

  byte[] bytes(String path) {
    return files.get(path);
  }

  DecodedText text(String path) {
    return DecodedText.of(files.get(path));
  }

  ParsedPage page(String path) {
    return ParsedPage.of(text(path));
  }

  static boolean isHtml(String path) {
    return hasExtension(path, ".html", ".htm");
  }

  static boolean isJavaScript(String path) {
    return hasExtension(path, ".js", ".mjs");
  }

  static boolean isCss(String path) {
    return hasExtension(path, ".css");
  }

  static boolean isJson(String path) {
    return hasExtension(path, ".json");
  }

  /** "" for a file at the root, else its folder with a trailing '/'. */
  static String directoryOf(String path) {
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  private static boolean hasExtension(String path, String... extensions) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String extension : extensions) {
      if (lower.endsWith(extension)) {
        return true;
      }
    }
    return false;
  }

  private static void requireNormalised(String path) {
    Objects.requireNonNull(path, "path");
    boolean normalised = !path.isEmpty() && !path.contains("\\");
    for (String segment : path.split("/", -1)) {
      normalised &= !(segment.isEmpty() || segment.equals(".") || segment.equals(".."));
    }
    if (!normalised) {
      throw new IllegalArgumentException("not a normalised path: '" + path + "'");
    }
  }
}
