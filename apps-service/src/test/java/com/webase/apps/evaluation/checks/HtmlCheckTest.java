package com.webase.apps.evaluation.checks;

import static com.webase.apps.evaluation.checks.SampleApps.LIMITS;
import static com.webase.apps.evaluation.checks.SampleApps.app;
import static com.webase.apps.evaluation.checks.SampleApps.check;
import static com.webase.apps.evaluation.checks.SampleApps.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlCheckTest {

  private final AppChecks checks = new AppChecks(LIMITS);

  private Check html(Map<String, byte[]> files) {
    return check(checks.check(files), "html");
  }

  private Check html(String path, String content) {
    return html(app(path, content));
  }

  private static Finding onlyFinding(Check check) {
    assertThat(check.status()).isEqualTo("failed");
    assertThat(check.findings()).hasSize(1);
    return check.findings().getFirst();
  }

  @Test
  void wellFormedHtml5PageWithOptionalTagsLeftOutPasses() {
    String page =
        """
        <!doctype html>
        <html lang="en">
        <meta charset="utf-8">
        <title>Menu</title>
        <style>li > a { color: teal }</style>
        <body>
        <nav><ul><li><a href="#a">A</a><li><a href="#b">B</a></ul></nav>
        <p>First paragraph<p>Second, with <br> a break and <img src="data:," alt="">
        <table><tr><th>Name<td>Ada<tr><th>Year<td>1843</table>
        <dl><dt>Term<dd>Definition</dl>
        <select><option>One<option selected>Two</select>
        <input type=checkbox checked disabled>
        <svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/><path d="M0 0L10 10"/></svg>
        <template id="row"><tr><td class="cell"></td></tr></template>
        <my-widget data-x="1"></my-widget>
        <script>if (a < b && c > d) { console.log('</div>'); }</script>
        """;

    Check html = html("index.html", page);

    assertThat(html.status()).isEqualTo("passed");
    assertThat(html.summary()).isEqualTo("The HTML file parses cleanly.");
  }

  @Test
  void pageWithoutDoctypeFailsAtLineOne() {
    Finding finding =
        onlyFinding(html("index.html", "<html>\n<head><title>T</title></head>\n<body></body>"));

    assertThat(finding.path()).isEqualTo("index.html");
    assertThat(finding.line()).isEqualTo(1);
    assertThat(finding.message())
        .isEqualTo(
            "has no <!DOCTYPE html>, so browsers render it in quirks mode; start the file with"
                + " <!DOCTYPE html>.");
  }

  @Test
  void legacyDoctypeThatTriggersQuirksModeFails() {
    Finding finding =
        onlyFinding(
            html(
                "old.html",
                "\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">\n"
                    + "<title>Old</title>"));

    assertThat(finding.line()).isEqualTo(2);
    assertThat(finding.message())
        .isEqualTo(
            "has a legacy doctype; use <!DOCTYPE html>, the one that keeps every browser in"
                + " standards mode.");
  }

  @Test
  void fragmentMeantForInsertionNeedsNoDoctype() {
    Check html =
        html(
            "components/card.html",
            "<article class=\"card\">\n  <h2>Title</h2>\n  <p>Body</p>\n</article>\n");

    assertThat(html.status()).isEqualTo("passed");
  }

  @Test
  void strayEndTagFailsWithItsLineAndColumn() {
    Finding finding = onlyFinding(html("index.html", page("<p>One</p>\n  </div>")));

    assertThat(finding.line()).isEqualTo(6);
    assertThat(finding.message())
        .isEqualTo(
            "does not parse cleanly (near column 9): Unexpected EndTag token [</div>] when in state"
                + " [InBody]");
  }

  @Test
  void misnestedTagsFail() {
    Check html = html("index.html", page("<b><i>bold italic</b></i>"));

    assertThat(html.findings())
        .extracting(Finding::line, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                5,
                "does not parse cleanly (near column 22): Unexpected EndTag token [</b>] when in"
                    + " state [InBody]"),
            org.assertj.core.groups.Tuple.tuple(
                5,
                "does not parse cleanly (near column 26): Unexpected EndTag token [</i>] when in"
                    + " state [InBody]"));
  }

  @Test
  void elementLeftOpenAtTheEndOfTheFileFails() {
    String page = "<!DOCTYPE html>\n<title>T</title>\n<main>\n<div class=\"card\">\n<p>text\n";

    Finding finding = onlyFinding(html("index.html", page));

    assertThat(finding.line()).isEqualTo(6);
    assertThat(finding.message()).contains("Unexpected EOF token");
  }

  @Test
  void selfClosingDivFailsBecauseItDoesNotClose() {
    Check html = html("index.html", page("<div class=\"spacer\"/>\n<p>inside the div</p>"));

    assertThat(html.findings().getFirst())
        .isEqualTo(
            new Finding(
                "index.html",
                5,
                "does not parse cleanly (near column 22): Tag [div] cannot be self-closing; not a void"
                    + " tag"));
  }

  @Test
  void duplicateAttributeFails() {
    Finding finding =
        onlyFinding(html("index.html", page("<p class=\"lead\" class=\"wide\">text</p>")));

    assertThat(finding.line()).isEqualTo(5);
    assertThat(finding.message()).contains("Dropped duplicate attribute(s) in tag [p]");
  }

  @Test
  void unterminatedCommentFails() {
    Finding finding = onlyFinding(html("index.html", page("<!-- todo\n<p>hidden</p>")));

    assertThat(finding.message()).contains("Unexpectedly reached end of file (EOF)");
  }

  @Test
  void unknownCharacterReferenceFails() {
    Finding finding = onlyFinding(html("index.html", page("<p>Fish &chips; tonight</p>")));

    assertThat(finding.line()).isEqualTo(5);
    assertThat(finding.message()).contains("invalid named reference [chips]");
  }

  @Test
  void characterReferenceWithoutSemicolonIsTolerated() {
    Check html = html("index.html", page("<p>&copy 2026 Webase &amp friends</p>"));

    assertThat(html.status()).isEqualTo("passed");
  }

  @Test
  void lessThanSignInTextIsTolerated() {
    Check html = html("index.html", page("<p>1 < 2 and 3<4</p>"));

    assertThat(html.status()).isEqualTo("passed");
  }

  @Test
  void contentAfterTheBodyIsTolerated() {
    String page =
        "<!DOCTYPE html>\n<html><head><title>T</title></head>\n<body><p>x</p></body>\n"
            + "<script src=\"analytics.js\"></script>\n</html>\n<p>footer</p>\n";

    Check html = html(app("index.html", page, "analytics.js", ""));

    assertThat(html.status()).isEqualTo("passed");
  }

  @Test
  void nonUtf8PageFailsAtTheLineOfTheFirstBadByte() {
    String[] around = page("<p>Café</p>").split("é");
    ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
    latin1.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
    latin1.write(0xE9); // 'é' in ISO-8859-1
    latin1.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));

    Finding finding = onlyFinding(html(Map.of("index.html", latin1.toByteArray())));

    assertThat(finding)
        .isEqualTo(
            new Finding(
                "index.html",
                5,
                "is not valid UTF-8 (byte 0xE9 on this line); save it as UTF-8, the encoding the"
                    + " platform expects of text files."));
  }

  @Test
  void byteOrderMarkBeforeTheDoctypeIsAccepted() {
    byte[] withBom = ("\uFEFF" + page("<p>x</p>")).getBytes(StandardCharsets.UTF_8);

    assertThat(html(Map.of("index.html", withBom)).status()).isEqualTo("passed");
  }

  @Test
  void windowsLineEndingsCountLinesTheSame() {
    Finding finding =
        onlyFinding(html("index.html", page("<p>One</p>\n</span>").replace("\n", "\r\n")));

    assertThat(finding.line()).isEqualTo(6);
  }

  @Test
  void htmExtensionIsCheckedAndEveryBrokenPageCounted() {
    Check html =
        html(
            app(
                "index.html", page("<p>ok</p>"),
                "a.htm", page("</em>"),
                "b.html", page("</em>\n</em>")));

    assertThat(html.summary()).isEqualTo("2 of 3 HTML files have 3 problems.");
    assertThat(html.findings())
        .extracting(Finding::path)
        .containsExactly("a.htm", "b.html", "b.html");
  }

  @Test
  void pageWithMoreParseErrorsThanAreTrackedSaysSo() {
    AppChecks listingAll =
        new AppChecks(new AppChecks.Limits("index.html", 100_000, 100_000, 2_000));
    String manyStrayTags = "</em>".repeat(ParsedPage.MAX_TRACKED_ERRORS + 5);

    Check html = check(listingAll.check(app("index.html", page(manyStrayTags))), "html");

    assertThat(html.findings()).hasSize(ParsedPage.MAX_TRACKED_ERRORS + 1);
    assertThat(html.findings().getLast())
        .isEqualTo(
            new Finding(
                "index.html",
                null,
                "has 1,000 or more HTML parse errors; only those were examined. Fix them and"
                    + " evaluate again."));
  }
}
