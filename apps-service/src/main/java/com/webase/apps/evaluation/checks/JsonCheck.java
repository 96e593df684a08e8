package com.webase.apps.evaluation.checks;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@value Check#JSON} check: every {@code .json} file holds exactly one JSON value (RFC 8259):
 * no comments, no trailing commas, no single quotes, nothing after the value. An empty file fails,
 * and so does an object with the same name twice: RFC 8259 leaves what that means to the reader,
 * and the usual outcome, the later value silently winning, is almost always an editing mistake.
 *
 * <p>Immutable; thread-safe (the mapper is configured once and only read).
 */
final class JsonCheck {

  private static final JsonMapper STRICT_JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final int maxFindings;

  JsonCheck(int maxFindings) {
    this.maxFindings = maxFindings;
  }

  Check run(Snapshot snapshot) {
    BoundedFindings findings = new BoundedFindings(maxFindings);
    int files = 0;
    for (String path : snapshot.paths()) {
      if (Snapshot.isJson(path)) {
        files++;
        examine(path, snapshot.bytes(path), findings);
      }
    }
    String summary;
    if (files == 0) {
      summary = "There are no JSON files to check.";
    } else if (findings.isEmpty()) {
      summary = files == 1 ? "The JSON file is valid." : "All " + files + " JSON files are valid.";
    } else {
      summary =
          findings.total()
              + " of "
              + Wording.count(files, "JSON file", "JSON files")
              + " "
              + Wording.is(findings.total())
              + " not valid JSON.";
    }
    return findings.toCheck(Check.JSON, summary);
  }

  private static void examine(String path, byte[] content, BoundedFindings findings) {
    try {
      JsonNode value = STRICT_JSON.readTree(content);
      if (value == null || value.isMissingNode()) {
        findings.add(
            path, null, "is empty; a JSON file holds exactly one value, such as {} or [].");
      }
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      boolean located = at != null && at.getLineNr() >= 1;
      findings.add(
          path,
          located ? at.getLineNr() : null,
          "is not valid JSON"
              + (located && at.getColumnNr() >= 1 ? " (column " + at.getColumnNr() + ")" : "")
              + ": "
              + e.getOriginalMessage());
    }
  }
}
