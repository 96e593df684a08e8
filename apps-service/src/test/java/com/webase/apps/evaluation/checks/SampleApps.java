package com.webase.apps.evaluation.checks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small, realistic apps for the checks' tests: one that passes everything, and ways to spoil it.
 */
final class SampleApps {

  static final AppChecks.Limits LIMITS = new AppChecks.Limits("index.html", 10_000, 40_000, 20);

  static final String INDEX_HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Tasks</title>
        <link rel="stylesheet" href="style.css">
        <link rel="icon" href="img/logo.png">
        <script type="module" src="app.js"></script>
      </head>
      <body>
        <header>
          <img src="img/logo.png" alt="Tasks" width="32" height="32">
          <h1>Tasks</h1>
        </header>
        <main>
          <form id="new-task">
            <label for="title">Title</label>
            <input id="title" name="title" required>
            <button type="submit">Add</button>
          </form>
          <ul id="tasks"></ul>
        </main>
        <footer><a href="https://webase.example/">Made with Webase</a></footer>
      </body>
      </html>
      """;

  static final String APP_JS =
      """
      import { formatDate } from './lib/util.js';

      const list = document.querySelector('#tasks');
      const response = await fetch('./data.json');
      const { tasks } = await response.json();
      for (const task of tasks) {
        const item = document.createElement('li');
        item.textContent = `${task.title} (${formatDate(new Date(task.due))})`;
        list.append(item);
      }
      """;

  static final String UTIL_JS =
      """
      const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

      export function formatDate(date) {
        return format.format(date);
      }
      """;

  static final String STYLE_CSS =
      """
      body { font-family: system-ui, sans-serif; margin: 0; }
      header {
        background: url(img/logo.png) no-repeat right center;
        padding: 1rem;
      }
      """;

  static final String DATA_JSON =
      """
      {
        "tasks": [
          { "title": "Write the tests", "due": "2026-12-01" },
          { "title": "Ship it", "due": "2026-12-02" }
        ]
      }
      """;

  /** The eight bytes every PNG starts with: binary content the checks must leave alone. */
  static final byte[] LOGO_PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private SampleApps() {}

  /** The good app, as a map the test may change. */
  static Map<String, byte[]> goodApp() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.html", utf8(INDEX_HTML));
    files.put("app.js", utf8(APP_JS));
    files.put("lib/util.js", utf8(UTIL_JS));
    files.put("style.css", utf8(STYLE_CSS));
    files.put("data.json", utf8(DATA_JSON));
    files.put("img/logo.png", LOGO_PNG.clone());
    return files;
  }

  /** An app of the given text files, given as path, content, path, content, … */
  static Map<String, byte[]> app(String... pathsAndContents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], utf8(pathsAndContents[i + 1]));
    }
    return files;
  }

  /** A well-formed page whose body is {@code body}; its first body line is line 5. */
  static String page(String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Page</title></head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n";
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Check check(Report report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name));
  }
}
