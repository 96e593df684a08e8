package com.webase.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that run a main class on this JVM's own Java and classpath. */
final class JavaCommand {

  private JavaCommand() {}

  static String javaHome() {
    return System.getProperty("java.home");
  }

  static String java() {
    return Path.of(javaHome(), "bin", "java").toString();
  }

  /**
   * This JVM's classpath. Surefire runs tests from a manifest-only jar and puts the real classpath
   * in {@code surefire.test.class.path}.
   */
  static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  static List<String> main(String mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
