package com.webase.apps.files;

import java.util.Locale;
import java.util.Map;

/**
 * A file's content type, from its extension only: what a client declared is not trusted (the sites
 * origin serves these types with {@code nosniff}, so a wrong one never turns into a script).
 */
public final class ContentTypes {

  static final String BINARY = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("js", "text/javascript"),
          Map.entry("mjs", "text/javascript"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("txt", "text/plain"),
          Map.entry("md", "text/markdown"),
          Map.entry("csv", "text/csv"),
          Map.entry("xml", "application/xml"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("avif", "image/avif"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("otf", "font/otf"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("wav", "audio/wav"),
          Map.entry("ogg", "audio/ogg"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("webm", "video/webm"));

  private ContentTypes() {}

  /** The type of the file at {@code path}; {@value #BINARY} for an unknown extension. */
  public static String of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0
        ? BINARY
        : BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), BINARY);
  }

  /** The {@code Content-Type} header to serve it with: text in UTF-8. */
  public static String header(String type) {
    boolean text =
        type.startsWith("text/")
            || type.equals("application/json")
            || type.equals("application/xml")
            || type.equals("application/manifest+json")
            || type.equals("image/svg+xml");
    return text ? type + "; charset=utf-8" : type;
  }
}
