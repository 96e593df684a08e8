package com.webase.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code @stoplight/spectral-cli} (npm) on an OpenAPI document with the repository's ruleset.
 * The package is installed once per build directory with {@code npm ci}, from the pinned lock file.
 */
final class SpectralLint {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SpectralLint() {}

  /** Copies the ruleset and the package files to {@code work} and installs Spectral there. */
  static Path prepare(Path source, Path work) throws IOException, InterruptedException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = work.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!Files.isExecutable(work.resolve("node_modules/.bin/spectral"))) {
      // --ignore-scripts: nothing of the package runs at install time (one would report usage)
      run(
          work,
          work.resolve("npm-ci.log"),
          600,
          "npm",
          "ci",
          "--ignore-scripts",
          "--no-audit",
          "--no-fund");
    }
    return work;
  }

  /** The lint's errors (severity 0), one line each: rule, path, message. */
  static List<String> errors(Path work, Path document) throws IOException, InterruptedException {
    Path report = work.resolve("report.json");
    Files.deleteIfExists(report);
    run(
        work,
        work.resolve("spectral.log"),
        300,
        work.resolve("node_modules/.bin/spectral").toString(),
        "lint",
        "--ruleset",
        ".spectral.yaml",
        "--format",
        "json",
        "--output",
        report.toString(),
        "--fail-severity",
        "error",
        "--quiet",
        document.toString());
    if (!Files.exists(report)) {
      throw new IllegalStateException(
          "Spectral wrote no report; see " + work.resolve("spectral.log"));
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode result : JSON.readTree(report.toFile())) {
      if (result.path("severity").asInt() == 0) {
        errors.add(
            result.path("code").asString()
                + " at "
                + result.path("path").toString()
                + ": "
                + result.path("message").asString());
      }
    }
    return errors;
  }

  private static void run(Path directory, Path log, int seconds, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " took too long; see " + log);
    }
    if (command[0].equals("npm") && process.exitValue() != 0) {
      throw new IllegalStateException("npm ci failed; see " + log);
    }
  }
}
