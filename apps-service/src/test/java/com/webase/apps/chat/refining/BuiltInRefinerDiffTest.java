package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.change;
import static com.webase.apps.chat.refining.AppFiles.diffBlock;
import static com.webase.apps.chat.refining.AppFiles.numberedLines;
import static com.webase.apps.chat.refining.AppFiles.reasonNothingChanged;
import static com.webase.apps.chat.refining.AppFiles.request;
import static com.webase.apps.chat.refining.AppFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unified diffs in a message: where hunks go, what they do to line endings, and every refusal. */
class BuiltInRefinerDiffTest {

  private final BuiltInRefiner refiner = new BuiltInRefiner();

  private static final String INDEX =
      """
      <!doctype html>
      <html>
      <head>
      <title>Shop</title>
      </head>
      <body>
      <h1>Hello</h1>
      <p>Welcome.</p>
      </body>
      </html>
      """;

  private static final String HEADING_DIFF =
      """
      --- a/index.html
      +++ b/index.html
      @@ -6,4 +6,6 @@
       <body>
      -<h1>Hello</h1>
      +<h1>Hello, shoppers</h1>
      +<nav>Home</nav>
      +<script src="app.js"></script>
       <p>Welcome.</p>
       </body>
      """;

  private Refinement refine(Map<String, byte[]> files, String diff) {
    return refiner.refine(request(files, diffBlock(diff)));
  }

  @Test
  void aDiffChangesTheFileAndTheReplySaysHowManyLines() {
    Refinement result = refine(AppFiles.of("index.html", INDEX), HEADING_DIFF);

    assertThat(text(result, "index.html"))
        .isEqualTo(
            INDEX.replace(
                "<h1>Hello</h1>\n",
                "<h1>Hello, shoppers</h1>\n<nav>Home</nav>\n<script src=\"app.js\"></script>\n"));
    assertThat(result.reply()).isEqualTo("Applied the change: modified index.html (+3 −1 lines).");
  }

  @Test
  void oneDiffModifiesCreatesAndDeletesFilesAsOneChange() {
    String diff =
        HEADING_DIFF
            + """
            --- /dev/null
            +++ b/app.js
            @@ -0,0 +1,2 @@
            +console.log("shop");
            +export {};
            --- a/old.css
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -h1 { color: red; }
            -p { margin: 0; }
            """;
    Map<String, byte[]> files =
        AppFiles.of("index.html", INDEX, "old.css", "h1 { color: red; }\np { margin: 0; }\n");

    Refinement result = refine(files, diff);

    assertThat(change(result).changes()).containsOnlyKeys("index.html", "app.js", "old.css");
    assertThat(text(result, "app.js")).isEqualTo("console.log(\"shop\");\nexport {};\n");
    assertThat(change(result).changes().get("old.css")).isNull();
    assertThat(result.reply())
        .isEqualTo(
            "Applied the change: modified index.html (+3 −1 lines), created app.js, deleted"
                + " old.css.");
  }

  @Test
  void laterHunksLandWhereEarlierHunksMovedTheirLines() {
    String diff =
        """
        --- a/notes.txt
        +++ b/notes.txt
        @@ -2,3 +2,5 @@
         line 2
        +added A
        +added B
         line 3
         line 4
        @@ -10,3 +12,2 @@
         line 10
        -line 11
         line 12
        @@ -18,3 +19,3 @@
         line 18
        -line 19
        +line nineteen
         line 20
        """;

    Refinement result = refine(AppFiles.of("notes.txt", numberedLines(20)), diff);

    assertThat(text(result, "notes.txt"))
        .isEqualTo(
            numberedLines(20)
                .replace("line 2\n", "line 2\nadded A\nadded B\n")
                .replace("line 11\n", "")
                .replace("line 19\n", "line nineteen\n"));
    assertThat(result.reply()).isEqualTo("Applied the change: modified notes.txt (+3 −2 lines).");
  }

  @Test
  void aHunkWhoseLinesMovedDownSinceTheDiffWasWrittenIsFoundAtItsNewPlace() {
    String diff =
        """
        --- a/notes.txt
        +++ b/notes.txt
        @@ -9,3 +9,3 @@
         line 9
        -line 10
        +line ten
         line 11
        """;
    String moved = "new first line\nnew second line\n" + numberedLines(20);

    Refinement result = refine(AppFiles.of("notes.txt", moved), diff);

    assertThat(text(result, "notes.txt")).isEqualTo(moved.replace("line 10\n", "line ten\n"));
  }

  @Test
  void aHunkWhoseLinesMovedUpIsFoundThereAndTheOffsetCarriesToTheNextHunk() {
    String diff =
        """
        --- a/notes.txt
        +++ b/notes.txt
        @@ -9,3 +9,3 @@
         line 9
        -line 10
        +line ten
         line 11
        @@ -15,3 +15,3 @@
         line 15
        -line 16
        +line sixteen
         line 17
        """;
    String moved = numberedLines(20).replace("line 1\nline 2\nline 3\n", "");

    Refinement result = refine(AppFiles.of("notes.txt", moved), diff);

    assertThat(text(result, "notes.txt"))
        .isEqualTo(moved.replace("line 10\n", "line ten\n").replace("line 16\n", "line sixteen\n"));
  }

  @Test
  void ofTwoEqualPlacesTheHunkTakesTheOneNearestItsStatedLine() {
    String repeated = "a\nb\nc\nx\nx\nx\nx\nx\nx\na\nb\nc\n";
    String diff =
        """
        --- a/r.txt
        +++ b/r.txt
        @@ -11,2 +11,2 @@
         b
        -c
        +C
        """;

    Refinement result = refine(AppFiles.of("r.txt", repeated), diff);

    assertThat(text(result, "r.txt")).isEqualTo("a\nb\nc\nx\nx\nx\nx\nx\nx\na\nb\nC\n");
  }

  @Test
  void aHunkMatchingNowhereRefusesTheWholeMessageNamingHunkLineExpectedAndFound() {
    StringBuilder page = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      page.append(i == 14 ? "<h1>Welcome</h1>" : "<p>paragraph " + i + "</p>").append('\n');
    }
    String diff =
        """
        --- a/index.html
        +++ b/index.html
        @@ -2,1 +2,1 @@
        -<p>paragraph 2</p>
        +<p>second</p>
        @@ -13,3 +13,3 @@
         <p>paragraph 13</p>
        -<h1>Hello</h1>
        +<h1>Hi</h1>
         <p>paragraph 15</p>
        """;

    Refinement result = refine(AppFiles.of("index.html", page.toString()), diff);

    // Line 13 matches; the first difference is on line 14.
    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 2 of index.html does not apply — expected line 14"
                + " `<h1>Hello</h1>` but found `<h1>Welcome</h1>`.");
  }

  @Test
  void aHunkBeyondTheEndOfTheFileSaysHowLongTheFileIs() {
    String diff =
        """
        --- a/notes.txt
        +++ b/notes.txt
        @@ -4,2 +4,2 @@
         line 4
        -line 5
        +line five
        """;

    Refinement result = refine(AppFiles.of("notes.txt", numberedLines(4)), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 1 of notes.txt does not apply — expected line 5 `line 5`"
                + " but the file has only 4 lines.");
  }

  @Test
  void longLinesAreShortenedInTheReason() {
    String longLine = "x".repeat(200);
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-" + longLine + "\n+short\n";

    Refinement result = refine(AppFiles.of("a.txt", "other\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 1 of a.txt does not apply — expected line 1 `"
                + "x".repeat(60)
                + "…` but found `other`.");
  }

  @Test
  void changingAFileThatDoesNotExistIsRefused() {
    Refinement result = refine(AppFiles.of("other.html", INDEX), HEADING_DIFF);

    assertThat(reasonNothingChanged(result))
        .isEqualTo("Nothing was changed: index.html does not exist, so the diff cannot modify it.");
  }

  @Test
  void creatingAFileThatExistsIsRefused() {
    String diff = "--- /dev/null\n+++ b/app.js\n@@ -0,0 +1 @@\n+let a = 1;\n";

    Refinement result = refine(AppFiles.of("app.js", "let b = 2;\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo("Nothing was changed: app.js already exists, so the diff cannot create it.");
  }

  @Test
  void deletingAFileThatDoesNotExistIsRefused() {
    String diff = "--- a/gone.css\n+++ /dev/null\n@@ -1 +0,0 @@\n-p {}\n";

    Refinement result = refine(AppFiles.of("index.html", INDEX), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo("Nothing was changed: gone.css does not exist, so the diff cannot delete it.");
  }

  @Test
  void deletingAFileWithLinesTheDiffDoesNotShowIsRefused() {
    String diff = "--- a/style.css\n+++ /dev/null\n@@ -1 +0,0 @@\n-p {}\n";

    Refinement result = refine(AppFiles.of("style.css", "p {}\nh1 {}\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the diff deletes style.css, but style.css has 1 more lines"
                + " than the diff removes.");
  }

  @Test
  void aBinaryFileIsNotPatched() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, 0};
    String diff = "--- a/logo.png\n+++ b/logo.png\n@@ -1 +1 @@\n-PNG\n+GIF\n";

    Refinement result = refiner.refine(request(Map.of("logo.png", png), diffBlock(diff)));

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: logo.png is not a text file (not valid UTF-8), so a diff cannot"
                + " change it.");
  }

  @Test
  void nothingIsAppliedWhenALaterFileFails() {
    String diff = HEADING_DIFF + "--- a/missing.js\n+++ b/missing.js\n@@ -1 +1 @@\n-a\n+b\n";

    Refinement result = refine(AppFiles.of("index.html", INDEX), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo("Nothing was changed: missing.js does not exist, so the diff cannot modify it.");
  }

  @Test
  void headersWithoutGitPrefixesAndWithTimestampsAreRead() {
    String diff =
        """
        --- index.html.orig\t2024-05-01 10:00:00.000000000 +0200
        +++ index.html\t2024-05-01 10:05:00.000000000 +0200
        @@ -7 +7 @@
        -<h1>Hello</h1>
        +<h1>Hi</h1>
        """;

    Refinement result = refine(AppFiles.of("index.html", INDEX), diff);

    assertThat(text(result, "index.html")).isEqualTo(INDEX.replace("Hello", "Hi"));
    assertThat(change(result).changes()).containsOnlyKeys("index.html");
  }

  @Test
  void gitDiffWithIndexLinesAndAQuotedNonAsciiPathIsRead() {
    String diff =
        """
        diff --git "a/caf\\303\\251 menu.html" "b/caf\\303\\251 menu.html"
        index 3b18e51..a2c3f4d 100644
        --- "a/caf\\303\\251 menu.html"
        +++ "b/caf\\303\\251 menu.html"
        @@ -1 +1 @@
        -Menu
        +Carte
        """;

    Refinement result = refine(AppFiles.of("café menu.html", "Menu\n"), diff);

    assertThat(text(result, "café menu.html")).isEqualTo("Carte\n");
  }

  @Test
  void gitCreatesAnEmptyFileAndDeletesOneWithoutHunks() {
    String diff =
        """
        diff --git a/empty.txt b/empty.txt
        new file mode 100644
        index 0000000..e69de29
        diff --git a/blank.txt b/blank.txt
        deleted file mode 100644
        index e69de29..0000000
        """;

    Refinement result = refine(AppFiles.of("blank.txt", ""), diff);

    assertThat(text(result, "empty.txt")).isEmpty();
    assertThat(change(result).changes()).containsEntry("blank.txt", null);
    assertThat(result.reply())
        .isEqualTo("Applied the change: created empty.txt, deleted blank.txt.");
  }

  @Test
  void gitRenameMovesTheContentAndAppliesItsHunks() {
    String diff =
        """
        diff --git a/old name.js b/src/app.js
        similarity index 80%
        rename from old name.js
        rename to src/app.js
        index 1111111..2222222 100644
        --- a/old name.js
        +++ b/src/app.js
        @@ -1,2 +1,2 @@
         const a = 1;
        -const b = 2;
        +const b = 3;
        """;

    Refinement result = refine(AppFiles.of("old name.js", "const a = 1;\nconst b = 2;\n"), diff);

    assertThat(change(result).changes()).containsEntry("old name.js", null);
    assertThat(text(result, "src/app.js")).isEqualTo("const a = 1;\nconst b = 3;\n");
  }

  @Test
  void aBinaryGitPatchIsRefusedWithTheReason() {
    String diff =
        """
        diff --git a/logo.png b/logo.png
        index 1111111..2222222 100644
        Binary files a/logo.png and b/logo.png differ
        """;

    Refinement result = refine(AppFiles.of("logo.png", "x"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the diff for logo.png is a binary patch, which cannot be applied"
                + " from a chat message.");
  }

  @Test
  void aGitModeChangeAloneChangesNothing() {
    String diff = "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n";

    Refinement result = refine(AppFiles.of("run.sh", "echo\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the files already have the content this message gives them.");
  }

  @Test
  void aDiffCanRemoveTheFinalNewline() {
    String diff =
        """
        --- a/a.txt
        +++ b/a.txt
        @@ -1,2 +1,2 @@
         one
        -two
        +two
        \\ No newline at end of file
        """;

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\n"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("one\ntwo");
  }

  @Test
  void aDiffCanAddTheMissingFinalNewlineAndLinesAfterIt() {
    String diff =
        """
        --- a/a.txt
        +++ b/a.txt
        @@ -1,2 +1,3 @@
         one
        -two
        \\ No newline at end of file
        +two
        +three
        """;

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void aFileWithoutFinalNewlineKeepsItWhenTheLastLineIsOnlyContext() {
    String diff =
        """
        --- a/a.txt
        +++ b/a.txt
        @@ -1,3 +1,3 @@
        -one
        +ONE
         two
         three
        \\ No newline at end of file
        """;

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\nthree"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("ONE\ntwo\nthree");
  }

  @Test
  void aCreatedFileMayEndWithoutNewline() {
    String diff =
        "--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n\\ No newline at end of file\n";

    Refinement result = refine(Map.of(), diff);

    assertThat(text(result, "a.txt")).isEqualTo("one\ntwo");
  }

  @Test
  void aCrlfFileKeepsCrlfOnEveryLineIncludingAddedOnes() {
    String crlf = "<ul>\r\n<li>one</li>\r\n<li>two</li>\r\n</ul>\r\n";
    String diff =
        """
        --- a/list.html
        +++ b/list.html
        @@ -2,2 +2,3 @@
         <li>one</li>
        +<li>one and a half</li>
         <li>two</li>
        """;

    Refinement result = refine(AppFiles.of("list.html", crlf), diff);

    assertThat(text(result, "list.html"))
        .isEqualTo("<ul>\r\n<li>one</li>\r\n<li>one and a half</li>\r\n<li>two</li>\r\n</ul>\r\n");
  }

  @Test
  void aDiffPastedWithCrlfAppliesToAnLfFileAndKeepsItLf() {
    String diff = HEADING_DIFF.replace("\n", "\r\n");

    Refinement result =
        refiner.refine(request(AppFiles.of("index.html", INDEX), "```diff\r\n" + diff + "```\r\n"));

    assertThat(text(result, "index.html")).doesNotContain("\r").contains("<nav>Home</nav>\n");
  }

  @Test
  void aByteOrderMarkIsKept() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+uno\n";

    Refinement result = refine(AppFiles.of("a.txt", "\uFEFFone\n"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("\uFEFFuno\n");
  }

  @Test
  void anEmptyContextLineWhoseSpaceWasStrippedStillMatches() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n\n-three\n+3\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\n\nthree\n"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("one\n\n3\n");
  }

  @Test
  void blankLinesBetweenHunksAreIgnored() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+1\n\n\n@@ -3 +3 @@\n-three\n+3\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\nthree\n"), diff);

    assertThat(text(result, "a.txt")).isEqualTo("1\ntwo\n3\n");
  }

  @Test
  void aGitFormatPatchEmailIsReadUpToItsSignature() {
    String patch =
        """
        From 1a2b3c Mon Sep 17 00:00:00 2001
        From: Ada <ada@example.com>
        Subject: [PATCH] Greet shoppers

        ---
         index.html | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/index.html b/index.html
        index 1111111..2222222 100644
        --- a/index.html
        +++ b/index.html
        @@ -7 +7 @@
        -<h1>Hello</h1>
        +<h1>Hi</h1>
        --\s
        2.43.0
        """;

    Refinement result =
        refiner.refine(request(AppFiles.of("index.html", INDEX), "```patch\n" + patch + "```"));

    assertThat(text(result, "index.html")).isEqualTo(INDEX.replace("Hello", "Hi"));
  }

  @Test
  void aBareFenceStartingWithAFileHeaderIsADiff() {
    String message = "```\n" + HEADING_DIFF + "```";

    Refinement result = refiner.refine(request(AppFiles.of("index.html", INDEX), message));

    assertThat(text(result, "index.html")).contains("<nav>Home</nav>");
  }

  @Test
  void aHunkHeaderCountingTooManyLinesIsRefusedWithTheCounts() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\nthree\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 1 of a.txt ends after 2 old and 2 new lines, but its header"
                + " `@@ -1,3 +1,3 @@` says 3 old and 3 new.");
  }

  @Test
  void aHunkHeaderCountingTooFewLinesIsRefusedRatherThanDroppingLines() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n+2b\n three\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\nthree\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 1 of a.txt has more lines than its header `@@ -1,2 +1,2 @@`"
                + " says (2 old and 2 new).");
  }

  @Test
  void aHunkHeaderWithoutLineNumbersIsRefused() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ ... @@\n-one\n+uno\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: hunk 1 of a.txt has the header `@@ ... @@`, not the form"
                + " `@@ -line,count +line,count @@`.");
  }

  @Test
  void aHunkLineWithAnUnknownPrefixEndsTheHunkEarly() {
    String diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n*two\n+2\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\ntwo\n"), diff);

    assertThat(reasonNothingChanged(result))
        .startsWith("Nothing was changed: hunk 1 of a.txt ends after 1 old and 1 new lines");
  }

  @Test
  void anOldHeaderWithoutANewHeaderIsRefused() {
    String diff = "--- a/a.txt\n@@ -1 +1 @@\n-one\n+uno\n";

    Refinement result = refine(AppFiles.of("a.txt", "one\n"), diff);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the diff's header `--- a/a.txt` is not followed by a `+++`"
                + " line.");
  }

  @Test
  void aHunkBeforeAnyFileHeaderIsRefused() {
    Refinement result = refine(AppFiles.of("a.txt", "one\n"), "@@ -1 +1 @@\n-one\n+uno\n");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the hunk `@@ -1 +1 @@` comes before any `--- `/`+++ ` file"
                + " header.");
  }

  @Test
  void aFileHeaderWithoutHunksIsRefused() {
    Refinement result = refine(AppFiles.of("a.txt", "one\n"), "--- a/a.txt\n+++ b/a.txt\n");

    assertThat(reasonNothingChanged(result))
        .isEqualTo("Nothing was changed: the diff for a.txt has no hunks (`@@ -l,s +l,s @@`).");
  }

  @Test
  void anEmptyDiffBlockIsRefused() {
    Refinement result = refiner.refine(request(AppFiles.of("a.txt", "one\n"), "```diff\n```"));

    assertThat(reasonNothingChanged(result)).isEqualTo("Nothing was changed: the diff is empty.");
  }

  @Test
  void aDiffBlockWithoutFileHeaderSaysWhatIsMissing() {
    Refinement result = refine(AppFiles.of("a.txt", "one\n"), "-one\n+uno\n");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the diff has no file header (`--- a/path` followed by `+++"
                + " b/path`, then `@@` hunks).");
  }

  @Test
  void moreThanTenThousandHunkLinesAreRefused() {
    StringBuilder diff = new StringBuilder("--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,10001 @@\n");
    for (int i = 0; i < 10_001; i++) {
      diff.append("+x\n");
    }

    Refinement result = refine(Map.of(), diff.toString());

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the message's diffs hold more than 10,000 hunk lines, more than"
                + " is applied from a chat message.");
  }

  @Test
  void theHunkLineLimitCountsAllFilesOfTheMessageButAllowsExactlyTheLimit() {
    StringBuilder atLimit = new StringBuilder();
    for (int file = 0; file < 2; file++) {
      atLimit.append("--- /dev/null\n+++ b/f").append(file).append(".txt\n@@ -0,0 +1,5000 @@\n");
      atLimit.append("+x\n".repeat(5_000));
    }

    assertThat(change(refine(Map.of(), atLimit.toString())).changes()).hasSize(2);
    assertThat(
            reasonNothingChanged(
                refine(Map.of(), atLimit + "--- /dev/null\n+++ b/f2.txt\n@@ -0,0 +1 @@\n+x\n")))
        .contains("more than 10,000 hunk lines");
  }

  @Test
  void aHeaderClaimingAHugeHunkIsRefusedBeforeReadingIt() {
    Refinement result =
        refine(Map.of(), "--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,999999999 @@\n+x\n");

    assertThat(reasonNothingChanged(result)).contains("more than 10,000 hunk lines");
  }

  @Test
  void aMessageOverOneMegabyteIsRefused() {
    String huge = diffBlock(HEADING_DIFF) + "\n" + "é".repeat(500_001);

    Refinement result = refiner.refine(request(AppFiles.of("index.html", INDEX), huge));

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the message is larger than 1 MB, more than is applied from a"
                + " chat message.");
  }

  @Test
  void theAppsFilesAreNeverModifiedInPlace() {
    byte[] original = INDEX.getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> files = Map.of("index.html", original.clone());

    refine(files, HEADING_DIFF);

    assertThat(files.get("index.html")).isEqualTo(original);
  }
}
