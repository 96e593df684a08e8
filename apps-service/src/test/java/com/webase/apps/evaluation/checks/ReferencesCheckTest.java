package com.webase.apps.evaluation.checks;

import static com.webase.apps.evaluation.checks.SampleApps.LIMITS;
import static com.webase.apps.evaluation.checks.SampleApps.app;
import static com.webase.apps.evaluation.checks.SampleApps.check;
import static com.webase.apps.evaluation.checks.SampleApps.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ReferencesCheckTest {

  private final AppChecks checks = new AppChecks(LIMITS);

  private Check references(String... pathsAndContents) {
    return check(checks.check(app(pathsAndContents)), "references");
  }

  private static String missing(String written) {
    return "references " + written + ", which is not among the app's files.";
  }

  // HTML

  @Test
  void missingStylesheetFailsAtTheLinksLine() {
    Check references =
        references(
            "index.html", page("<h1>Hi</h1>\n<link rel=\"stylesheet\" href=\"css/site.css\">"));

    assertThat(references.status()).isEqualTo("failed");
    assertThat(references.findings())
        .containsExactly(new Finding("index.html", 6, missing("css/site.css")));
  }

  @Test
  void missingImageAndLinkedPageFail() {
    Check references =
        references(
            "index.html",
            page("<img src=\"hero.jpg\" alt=\"\">\n<a href=\"about.html\">About</a>"));

    assertThat(references.findings())
        .containsExactly(
            new Finding("index.html", 5, missing("hero.jpg")),
            new Finding("index.html", 6, missing("about.html")));
  }

  @Test
  void everyUrlAttributeIsChecked() {
    String body =
        """
        <video poster="poster.jpg"><source src="clip.webm" type="video/webm"></video>
        <iframe src="embed.html"></iframe>
        <object data="chart.svg"></object>
        <svg><use href="icons.svg#star"/><image xlink:href="pattern.png"/></svg>
        <link rel="preload" as="image" imagesrcset="wide.png 2x">""";

    Check references = references("index.html", page(body));

    assertThat(references.findings())
        .extracting(Finding::line, Finding::message)
        .containsExactly(
            tuple(5, missing("poster.jpg")),
            tuple(5, missing("clip.webm")),
            tuple(6, missing("embed.html")),
            tuple(7, missing("chart.svg")),
            tuple(8, "references icons.svg#star (icons.svg), which is not among the app's files."),
            tuple(8, missing("pattern.png")),
            tuple(9, missing("wide.png")));
  }

  @Test
  void eachSrcsetCandidateIsChecked() {
    Check references =
        references(
            "index.html",
            page("<img src=\"a.png\" alt=\"\"\n     srcset=\"a.png 1x,\n             b.png 2x\">"),
            "a.png",
            "");

    assertThat(references.summary()).isEqualTo("1 of 3 local references does not resolve.");
    assertThat(references.findings())
        .containsExactly(new Finding("index.html", 7, missing("b.png")));
  }

  @Test
  void inlineModuleScriptImportsAreChecked() {
    String body =
        """
        <script type="module">
          import { start } from './js/start.js';
          import 'https://esm.sh/confetti';
          import { html } from 'lit';
          start();
        </script>""";

    Check references = references("index.html", page(body));

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "index.html",
                6,
                "references ./js/start.js (js/start.js), which is not among the app's files."));
  }

  @Test
  void inlineStyleAndStyleAttributeUrlsAreChecked() {
    String body =
        """
        <style>
          .hero { background-image: url("img/hero.webp"); }
        </style>
        <div style="background: url(img/tile.png)"></div>""";

    Check references = references("index.html", page(body));

    assertThat(references.findings())
        .containsExactly(
            new Finding("index.html", 6, missing("img/hero.webp")),
            new Finding("index.html", 8, missing("img/tile.png")));
  }

  @Test
  void baseHrefChangesWhereRelativeUrlsResolve() {
    String index =
        "<!DOCTYPE html>\n<base href=\"/static/\">\n<title>T</title>\n"
            + "<script src=\"app.js\"></script>\n<img src=\"missing.png\" alt=\"\">";

    Check references = references("index.html", index, "static/app.js", "");

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "index.html",
                5,
                "references missing.png (static/missing.png), which is not among the app's"
                    + " files."));
  }

  @Test
  void externalBaseHrefMakesRelativeUrlsExternal() {
    String index =
        "<!DOCTYPE html>\n<base href=\"https://cdn.example/app/\">\n<title>T</title>\n"
            + "<script src=\"app.js\"></script>";

    assertThat(references("index.html", index).summary())
        .isEqualTo("There are no local references to check.");
  }

  // JavaScript

  @Test
  void everyFormOfModuleImportIsChecked() {
    String js =
        """
        import main from './main.js';
        import './polyfills.js';
        import { a, b as c } from "../shared/b.mjs";
        import * as ns from './ns.js';
        export * from './c.js';
        export { d } from './d.js';
        const lazy = await import('./lazy.js');
        const json = await import(`./config.json`, { with: { type: 'json' } });
        """;

    Check references = references("js/app.js", js);

    assertThat(references.findings())
        .extracting(Finding::path, Finding::line, Finding::message)
        .containsExactly(
            tuple(
                "js/app.js",
                1,
                "references ./main.js (js/main.js), which is not among the app's files."),
            tuple(
                "js/app.js",
                2,
                "references ./polyfills.js (js/polyfills.js), which is not among the app's files."),
            tuple(
                "js/app.js",
                3,
                "references ../shared/b.mjs (shared/b.mjs), which is not among the app's files."),
            tuple(
                "js/app.js",
                4,
                "references ./ns.js (js/ns.js), which is not among the app's files."),
            tuple(
                "js/app.js", 5, "references ./c.js (js/c.js), which is not among the app's files."),
            tuple(
                "js/app.js", 6, "references ./d.js (js/d.js), which is not among the app's files."),
            tuple(
                "js/app.js",
                7,
                "references ./lazy.js (js/lazy.js), which is not among the app's files."),
            tuple(
                "js/app.js",
                8,
                "references ./config.json (js/config.json), which is not among the app's files."));
  }

  @Test
  void importsThatResolveRelativeToTheModulePass() {
    Check references =
        references(
            "js/app.js",
            "import { x } from './lib/x.js';\nimport '/vendor/y.js';",
            "js/lib/x.js",
            "import '../../vendor/y.js';",
            "vendor/y.js",
            "");

    assertThat(references.status()).isEqualTo("passed");
    assertThat(references.summary()).isEqualTo("All 3 local references resolve.");
  }

  @Test
  void bareSpecifiersUrlsAndComputedImportsAreSkipped() {
    String js =
        """
        import React from 'react';
        import { html } from 'lit/html.js';
        import confetti from 'https://esm.sh/canvas-confetti@1';
        import x from '//cdn.example/x.js';
        const page = await import(`./pages/${name}.js`);
        const other = await import(url);
        // import old from './old.js';
        const text = "import gone from './gone.js'";
        """;

    Check references = references("app.js", js);

    assertThat(references.status()).isEqualTo("passed");
    assertThat(references.summary()).isEqualTo("There are no local references to check.");
  }

  // CSS

  @Test
  void everyFormOfCssUrlIsChecked() {
    String css =
        """
        @import "base.css";
        @import url('theme.css') screen;
        .logo { background: url(img/logo.svg); }
        .hero { background: url( "img/hero one.jpg" ) center / cover; }
        /* .old { background: url(img/old.png); } */
        .quote::before { content: "url(not-a-url.png)"; }
        @font-face { font-family: Inter; src: local("Inter"), url(fonts/inter.woff2) format("woff2"); }
        """;

    Check references = references("css/site.css", css);

    assertThat(references.findings())
        .extracting(Finding::line, Finding::message)
        .containsExactly(
            tuple(1, "references base.css (css/base.css), which is not among the app's files."),
            tuple(2, "references theme.css (css/theme.css), which is not among the app's files."),
            tuple(
                3,
                "references img/logo.svg (css/img/logo.svg), which is not among the app's files."),
            tuple(
                4,
                "references img/hero one.jpg (css/img/hero one.jpg), which is not among the app's files."),
            tuple(
                7,
                "references fonts/inter.woff2 (css/fonts/inter.woff2), which is not among the app's files."));
  }

  // Resolution

  @Test
  void relativeAndRootUrlsResolveFromThePagesFolder() {
    Check references =
        references(
            "docs/guide.html",
            page(
                "<link rel=\"stylesheet\" href=\"../style.css\">\n<script src=\"/app.js\"></script>"),
            "style.css",
            "",
            "app.js",
            "");

    assertThat(references.status()).isEqualTo("passed");
  }

  @Test
  void pathClimbingAboveTheRootFails() {
    Check references =
        references(
            "pages/about.html", page("<script src=\"../../node_modules/lib/index.js\"></script>"));

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "pages/about.html",
                5,
                "references ../../node_modules/lib/index.js, which points above the app's root"
                    + " folder: only the app's own files are deployed."));
  }

  @Test
  void folderWithAnIndexPageResolvesWithOrWithoutTheSlash() {
    Check references =
        references(
            "index.html",
            page("<a href=\"docs/\">Docs</a>\n<a href=\"docs\">Docs</a>\n<a href=\"/\">Home</a>"),
            "docs/index.html",
            page(""));

    assertThat(references.status()).isEqualTo("passed");
    assertThat(references.summary()).isEqualTo("All 3 local references resolve.");
  }

  @Test
  void folderWithoutAnIndexPageFails() {
    Check references =
        references(
            "index.html",
            page("<a href=\"docs/\">Docs</a>\n<a href=\"docs\">Docs</a>"),
            "docs/intro.html",
            page(""));

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "index.html",
                5,
                "references docs/, a folder whose docs/index.html is not among the app's files."),
            new Finding("index.html", 6, missing("docs")));
  }

  @Test
  void queryAndFragmentAreIgnoredWhenResolving() {
    Check references =
        references(
            "index.html",
            page(
                "<script type=\"module\" src=\"app.js?v=3\"></script>\n"
                    + "<a href=\"guide.html#install\">Install</a>\n"
                    + "<a href=\"guide.html?lang=en#top\">Guide</a>\n"
                    + "<img src=\"logo.png?size=2#x\" alt=\"\">"),
            "app.js",
            "",
            "guide.html",
            page(""));

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "index.html",
                8,
                "references logo.png?size=2#x (logo.png), which is not among the app's files."));
  }

  @Test
  void percentEncodedNamesAreDecoded() {
    Check references =
        references(
            "index.html",
            page(
                "<img src=\"photos/my%20trip.jpg\" alt=\"\">\n"
                    + "<img src=\"caf%C3%A9.png\" alt=\"\">\n"
                    + "<img src=\"100%25.png\" alt=\"\">"),
            "photos/my trip.jpg",
            "",
            "café.png",
            "");

    assertThat(references.findings())
        .containsExactly(
            new Finding(
                "index.html",
                7,
                "references 100%25.png (100%.png), which is not among the app's files."));
  }

  @Test
  void urlsLeavingTheAppAndLinksWithinThePageAreSkipped() {
    String body =
        """
        <link rel="preconnect" href="https://fonts.googleapis.com">
        <script src="http://example.com/a.js"></script>
        <script src="//cdn.example/b.js"></script>
        <img src="data:image/png;base64,iVBORw0KGgo=" alt="">
        <img src="blob:https://example.com/1234" alt="">
        <a href="mailto:help@example.com">Mail</a>
        <a href="tel:+441234567890">Call</a>
        <a href="javascript:void(0)">Nothing</a>
        <a href="#top">Top</a>
        <a href="">Here</a>
        <a href="?page=2">Next</a>
        <img srcset="https://cdn.example/a.png 1x, data:image/png;base64,AAAA 2x" alt="">""";

    Check references = references("index.html", page(body));

    assertThat(references.status()).isEqualTo("passed");
    assertThat(references.summary()).isEqualTo("There are no local references to check.");
  }

  @Test
  void templatePlaceholdersAreReferencesLikeAnyOther() {
    Check references = references("index.html", page("<img src=\"{{ logo }}\" alt=\"\">"));

    assertThat(references.findings())
        .containsExactly(new Finding("index.html", 5, missing("{{ logo }}")));
  }
}
