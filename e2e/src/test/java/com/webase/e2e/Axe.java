package com.webase.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core (the npm package, a pinned version, installed into {@code target/axe} on first use with
 * the machine's npm) run inside the page under test.
 */
final class Axe {

  static final String VERSION = "4.14.1";
  private static final Path HOME = Path.of("target", "axe").toAbsolutePath();
  private static final JsonMapper JSON = new JsonMapper();
  private static String source;

  private Axe() {}

  /** The serious and critical violations on the page as it is now, one line each. */
  static List<String> seriousViolations(Chromium browser) {
    browser.script(script());
    String report =
        (String)
            browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
    if (report.startsWith("error:")) {
      throw new IllegalStateException("axe-core failed: " + report);
    }
    List<String> serious = new ArrayList<>();
    for (JsonNode violation : JSON.readTree(report)) {
      String impact = violation.path("impact").asString("");
      if (impact.equals("serious") || impact.equals("critical")) {
        List<String> targets = new ArrayList<>();
        violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
        serious.add(
            impact
                + " "
                + violation.path("id").asString()
                + ": "
                + violation.path("help").asString()
                + " at "
                + targets);
      }
    }
    return serious;
  }

  private static synchronized String script() {
    if (source == null) {
      Path file = HOME.resolve("node_modules/axe-core/axe.min.js");
      try {
        if (!Files.exists(file)) {
          Files.createDirectories(HOME);
          Process npm =
              new ProcessBuilder(
                      "npm",
                      "install",
                      "--no-save",
                      "--no-audit",
                      "--no-fund",
                      "--prefix",
                      HOME.toString(),
                      "axe-core@" + VERSION)
                  .redirectErrorStream(true)
                  .redirectOutput(HOME.resolve("npm.log").toFile())
                  .start();
          if (npm.waitFor() != 0 || !Files.exists(file)) {
            throw new IllegalStateException(
                "npm could not install axe-core@" + VERSION + "; see " + HOME.resolve("npm.log"));
          }
        }
        source = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return source;
  }
}
