package com.webase.testkit;

import java.nio.file.Path;

/**
 * Where unpacked server distributions are kept between runs: {@code webase.cache-dir}, or {@code
 * $WEBASE_CACHE_DIR}, or {@code ~/.cache/webase}. Deleting it only costs a re-unpack.
 */
final class CacheDirectory {

  private CacheDirectory() {}

  static Path get() {
    String configured = System.getProperty("webase.cache-dir", System.getenv("WEBASE_CACHE_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "webase");
  }
}
