package com.webase.testkit;

import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;

/**
 * Closes the Spring test contexts of this JVM. The kit does this before it stops the servers at JVM
 * exit: left to run side by side, the services would spend their shutdown waiting for a database
 * and a broker that are already gone (Spring Modulith, for one, reads its outbox table while
 * closing).
 */
final class SpringContexts {

  private SpringContexts() {}

  static void closeAll() {
    if (!isPresent(
        "org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate")) {
      return;
    }
    Cache.closeAll();
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, SpringContexts.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Spring's shared test context cache, reached through its delegate's protected accessor. */
  private static final class Cache extends DefaultCacheAwareContextLoaderDelegate {
    static void closeAll() {
      new Cache().getContextCache().reset();
    }
  }
}
