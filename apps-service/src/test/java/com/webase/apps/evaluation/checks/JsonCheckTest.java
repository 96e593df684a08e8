package com.webase.apps.evaluation.checks;

import static com.webase.apps.evaluation.checks.SampleApps.LIMITS;
import static com.webase.apps.evaluation.checks.SampleApps.app;
import static com.webase.apps.evaluation.checks.SampleApps.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonCheckTest {

  private final AppChecks checks = new AppChecks(LIMITS);

  private Check json(String... pathsAndContents) {
    return check(checks.check(app(pathsAndContents)), "json");
  }

  @Test
  void validJsonFilesPass() {
    Check json =
        json(
            "data.json", "{\"tasks\": []}",
            "manifest.json", "[1, 2.5, \"three\", true, null, {\"nested\": {}}]",
            "version.json", "\"1.0\"");

    assertThat(json.status()).isEqualTo("passed");
    assertThat(json.summary()).isEqualTo("All 3 JSON files are valid.");
  }

  @Test
  void invalidJsonFailsWithTheLineAndColumnOfTheError() {
    Check json = json("data/tasks.json", "{\n  \"title\": \"Ship\",\n  \"done\": \n}\n");

    assertThat(json.summary()).isEqualTo("1 of 1 JSON file is not valid JSON.");
    assertThat(json.findings())
        .containsExactly(
            new Finding(
                "data/tasks.json",
                4,
                "is not valid JSON (column 1): Unexpected character ('}' (code 125)): expected a"
                    + " value"));
  }

  @Test
  void trailingCommaFails() {
    Check json = json("list.json", "[\n  1,\n  2,\n]");

    assertThat(json.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(4);
              assertThat(f.message())
                  .startsWith("is not valid JSON (column 1): Unexpected character (']'");
            });
  }

  @Test
  void commentsAndSingleQuotesFail() {
    Check json = json("a.json", "// settings\n{}", "b.json", "{'a': 1}");

    assertThat(json.summary()).isEqualTo("2 of 2 JSON files are not valid JSON.");
    assertThat(json.findings())
        .extracting(Finding::path, Finding::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.json", 1),
            org.assertj.core.groups.Tuple.tuple("b.json", 1));
    assertThat(json.findings().get(1).message()).contains("was expecting double-quote");
  }

  @Test
  void secondValueAfterTheFirstFails() {
    Check json = json("events.json", "{\"a\": 1}\n{\"b\": 2}\n");

    assertThat(json.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(2);
              assertThat(f.message()).contains("Trailing token");
            });
  }

  @Test
  void emptyFileFails() {
    Check json = json("empty.json", "  \n");

    assertThat(json.findings())
        .containsExactly(
            new Finding(
                "empty.json",
                null,
                "is empty; a JSON file holds exactly one value, such as {} or []."));
  }

  @Test
  void duplicateNameInAnObjectFails() {
    Check json = json("config.json", "{\n  \"theme\": \"dark\",\n  \"theme\": \"light\"\n}");

    assertThat(json.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.message()).contains("Duplicate Object property \"theme\"");
            });
  }

  @Test
  void noJsonFilesIsNothingToCheck() {
    assertThat(json("index.html", "").summary()).isEqualTo("There are no JSON files to check.");
  }
}
