package com.webase.apps.evaluation.checks;

import static com.webase.apps.evaluation.checks.SampleApps.LIMITS;
import static com.webase.apps.evaluation.checks.SampleApps.app;
import static com.webase.apps.evaluation.checks.SampleApps.check;
import static com.webase.apps.evaluation.checks.SampleApps.goodApp;
import static com.webase.apps.evaluation.checks.SampleApps.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AppChecksTest {

  private final AppChecks checks = new AppChecks(LIMITS);

  @Test
  void goodAppPassesEveryCheck() {
    Report report = checks.check(goodApp());

    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .extracting(Check::name, Check::status, Check::summary, Check::findings)
        .containsExactly(
            tuple(
                "entry-page", "passed", "index.html is present: the site opens on it.", List.of()),
            tuple("html", "passed", "The HTML file parses cleanly.", List.of()),
            tuple("references", "passed", "All 6 local references resolve.", List.of()),
            tuple("json", "passed", "The JSON file is valid.", List.of()),
            tuple(
                "sizes",
                "passed",
                "The app's 6 files total 1,469 bytes (1.4 KiB), within the limits.",
                List.of()));
  }

  @Test
  void deletedModuleScriptFailsTheEvaluationNamingIt() {
    Map<String, byte[]> files = goodApp();
    files.remove("app.js");

    Report report = checks.check(files);

    assertThat(report.passed()).isFalse();
    Check references = check(report, "references");
    assertThat(references.status()).isEqualTo("failed");
    assertThat(references.summary()).isEqualTo("1 of 5 local references does not resolve.");
    assertThat(references.findings())
        .containsExactly(
            new Finding("index.html", 9, "references app.js, which is not among the app's files."));
  }

  @Test
  void missingEntryPageFailsTheEntryPageCheck() {
    Map<String, byte[]> files = goodApp();
    files.remove("index.html");

    Check entryPage = check(checks.check(files), "entry-page");

    assertThat(entryPage.status()).isEqualTo("failed");
    assertThat(entryPage.summary()).isEqualTo("index.html is missing.");
    assertThat(entryPage.findings())
        .containsExactly(
            new Finding("index.html", null, "index.html is missing: a site opens on it."));
  }

  @Test
  void entryPageInAFolderIsPointedOutWhenTheRootHasNone() {
    Map<String, byte[]> files = goodApp();
    files.put("site/index.html", files.remove("index.html"));

    Check entryPage = check(checks.check(files), "entry-page");

    assertThat(entryPage.findings())
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "index.html is missing: a site opens on it. There is one at site/index.html; the site"
                + " opens on the one at the root.");
  }

  @Test
  void configuredEntryPageIsTheOneRequired() {
    AppChecks homeFirst = new AppChecks(new AppChecks.Limits("home.html", 10_000, 40_000, 20));

    Check entryPage = check(homeFirst.check(goodApp()), "entry-page");

    assertThat(entryPage.findings())
        .containsExactly(
            new Finding("home.html", null, "home.html is missing: a site opens on it."));
  }

  @Test
  void everyCheckIsReportedInOrderWhenSeveralFail() {
    Map<String, byte[]> files = app("page.html", "<p>no doctype", "broken.json", "{");

    Report report = checks.check(files);

    assertThat(report.passed()).isFalse();
    assertThat(report.checks())
        .extracting(Check::name, Check::status)
        .containsExactly(
            tuple("entry-page", "failed"),
            tuple("html", "passed"),
            tuple("references", "passed"),
            tuple("json", "failed"),
            tuple("sizes", "passed"));
  }

  @Test
  void findingsAreBoundedPerCheckWhileTheSummaryCountsThemAll() {
    AppChecks fewFindings = new AppChecks(new AppChecks.Limits("index.html", 10_000, 40_000, 2));
    StringBuilder images = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      images.append("<img src=\"missing-").append(i).append(".png\" alt=\"\">\n");
    }

    Check references =
        check(fewFindings.check(app("index.html", page(images.toString()))), "references");

    assertThat(references.findings())
        .extracting(Finding::path, Finding::line, Finding::message)
        .containsExactly(
            tuple("index.html", 5, "references missing-1.png, which is not among the app's files."),
            tuple(
                "index.html", 6, "references missing-2.png, which is not among the app's files."));
    assertThat(references.summary())
        .isEqualTo(
            "5 of 5 local references do not resolve. Only the first 2 of 5 findings are listed.");
  }

  @Test
  void reportSerialisesAsPlainJson() {
    Map<String, byte[]> files = goodApp();
    files.remove("app.js");

    JsonNode json = JsonMapper.builder().build().valueToTree(checks.check(files));

    assertThat(json.get("passed").asBoolean()).isFalse();
    JsonNode references = json.get("checks").get(2);
    assertThat(references.propertyNames()).containsExactly("name", "status", "summary", "findings");
    assertThat(references.get("findings").get(0).toString())
        .isEqualTo(
            "{\"path\":\"index.html\",\"line\":9,"
                + "\"message\":\"references app.js, which is not among the app's files.\"}");
  }

  @Test
  void sameSnapshotGivesTheSameReportFromManyThreads() throws Exception {
    Map<String, byte[]> files = goodApp();
    files.remove("lib/util.js");
    Report expected = checks.check(files);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      var runs =
          pool.invokeAll(
              IntStream.range(0, 16)
                  .mapToObj(i -> (Callable<Report>) () -> checks.check(files))
                  .toList());
      for (Future<Report> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unnormalisedPathIsRefusedAsTheCallersBug() {
    assertThatThrownBy(() -> checks.check(app("/index.html", page(""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/index.html'");
    assertThatThrownBy(() -> checks.check(app("lib/../index.html", page(""))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitsThatCannotBeMetAreRefused() {
    assertThatThrownBy(() -> new AppChecks.Limits("", 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AppChecks.Limits("index.html", 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AppChecks.Limits("index.html", 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
