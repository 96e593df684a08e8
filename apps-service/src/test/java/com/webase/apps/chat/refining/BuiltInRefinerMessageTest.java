package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.change;
import static com.webase.apps.chat.refining.AppFiles.reasonNothingChanged;
import static com.webase.apps.chat.refining.AppFiles.request;
import static com.webase.apps.chat.refining.AppFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which blocks of a message count, how several combine, JSON file sets, and the help reply. */
class BuiltInRefinerMessageTest {

  private final BuiltInRefiner refiner = new BuiltInRefiner();

  private Refinement refine(Map<String, byte[]> files, String message) {
    return refiner.refine(request(files, message));
  }

  @Test
  void aMessageWithoutABlockGetsTheTwoFormatsExplained() {
    Refinement result = refine(AppFiles.of("index.html", "<h1>Hi</h1>\n"), "Make it blue, please.");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: I apply only changes written out in the message. Put a unified"
                + " diff in a ```diff block (`--- a/index.html`, `+++ b/index.html`, then `@@`"
                + " hunks), or a JSON object of path → full new content (null deletes the file) in a"
                + " ```json block.");
  }

  @Test
  void blocksInOtherLanguagesAreNotChanges() {
    Refinement result =
        refine(Map.of(), "Here is some code:\n```js\n--- not a diff\n```\n```\nplain\n```\n");

    assertThat(reasonNothingChanged(result)).isEqualTo(BuiltInRefiner.HOW_TO);
  }

  @Test
  void aJsonBlockWritesCreatesAndDeletesFiles() {
    String message =
        """
        ```json
        {"index.html": "<h1>Shop</h1>\\n<p>Open</p>\\n", "app.js": "run();\\n", "old.css": null}
        ```
        """;

    Refinement result =
        refine(AppFiles.of("index.html", "<h1>Shop</h1>\n", "old.css", "p {}\n"), message);

    assertThat(text(result, "index.html")).isEqualTo("<h1>Shop</h1>\n<p>Open</p>\n");
    assertThat(text(result, "app.js")).isEqualTo("run();\n");
    assertThat(change(result).changes()).containsEntry("old.css", null);
    assertThat(result.reply())
        .isEqualTo(
            "Applied the change: modified index.html (+1 −0 lines), created app.js, deleted"
                + " old.css.");
  }

  @Test
  void aJsonValueThatIsNotTextIsRefusedNamingThePath() {
    String message = "```json\n{\"a.txt\": \"ok\", \"package.json\": {\"name\": \"shop\"}}\n```";

    Refinement result = refine(Map.of(), message);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: in the JSON block, \"package.json\" is an object; each path needs"
                + " its full content as a string, or null to delete it.");
  }

  @Test
  void aJsonArrayIsRefused() {
    Refinement result = refine(Map.of(), "```json\n[\"index.html\"]\n```");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the JSON block is an array, not an object of path → content.");
  }

  @Test
  void invalidJsonIsRefusedWithWhereItBreaks() {
    Refinement result = refine(Map.of(), "```json\n{\n  \"a.txt\": \"x\",\n  oops\n}\n```");

    assertThat(reasonNothingChanged(result))
        .startsWith("Nothing was changed: the JSON block is not valid JSON (")
        .endsWith("at line 3, column 3).");
  }

  @Test
  void aPathGivenTwiceInTheJsonIsRefused() {
    Refinement result = refine(Map.of(), "```json\n{\"a.txt\": \"x\", \"a.txt\": \"y\"}\n```");

    assertThat(reasonNothingChanged(result))
        .startsWith("Nothing was changed: the JSON block is not valid JSON (")
        .contains("a.txt");
  }

  @Test
  void deletingAMissingFileByJsonIsRefused() {
    Refinement result = refine(Map.of(), "```json\n{\"gone.css\": null}\n```");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: gone.css does not exist, so the JSON block cannot delete it.");
  }

  @Test
  void anEmptyJsonObjectIsRefused() {
    assertThat(reasonNothingChanged(refine(Map.of(), "```json\n{}\n```")))
        .isEqualTo("Nothing was changed: the JSON block names no files.");
  }

  @Test
  void jsonPathsLoseALeadingSlash() {
    Refinement result = refine(AppFiles.of("a.txt", "old"), "```json\n{\"/a.txt\": \"new\"}\n```");

    assertThat(text(result, "a.txt")).isEqualTo("new");
  }

  @Test
  void givingFilesTheContentTheyHaveChangesNothing() {
    Refinement result = refine(AppFiles.of("a.txt", "same"), "```json\n{\"a.txt\": \"same\"}\n```");

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: the files already have the content this message gives them.");
  }

  @Test
  void blocksCombineInOrderEachSeeingWhatTheOnesBeforeLeft() {
    String message =
        """
        First the file:
        ```json
        {"app.js": "one\\ntwo\\n"}
        ```
        Then a fix to it:
        ```diff
        --- a/app.js
        +++ b/app.js
        @@ -1,2 +1,2 @@
         one
        -two
        +TWO
        ```
        And another diff on top of that one:
        ```diff
        --- a/app.js
        +++ b/app.js
        @@ -2 +2,2 @@
        -TWO
        +2
        +three
        ```
        """;

    Refinement result = refine(Map.of(), message);

    assertThat(change(result).changes()).containsOnlyKeys("app.js");
    assertThat(text(result, "app.js")).isEqualTo("one\n2\nthree\n");
    assertThat(result.reply()).isEqualTo("Applied the change: created app.js.");
  }

  @Test
  void aFileCreatedAndDeletedAgainInOneMessageIsNotPartOfTheChange() {
    String message =
        """
        ```json
        {"tmp.txt": "x", "a.txt": "A"}
        ```
        ```json
        {"tmp.txt": null}
        ```
        """;

    Refinement result = refine(Map.of(), message);

    assertThat(change(result).changes()).containsOnlyKeys("a.txt");
  }

  @Test
  void aFailingSecondBlockNamesTheBlockAndNothingOfTheFirstIsApplied() {
    String message =
        """
        ```json
        {"a.txt": "one\\n"}
        ```
        ```diff
        --- a/a.txt
        +++ b/a.txt
        @@ -1 +1 @@
        -uno
        +eins
        ```
        """;

    Refinement result = refine(Map.of(), message);

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "Nothing was changed: in block 2 of 2 (```diff), hunk 1 of a.txt does not apply —"
                + " expected line 1 `uno` but found `one`.");
  }

  @Test
  void aLongerFenceMayHoldTripleBackticksAndTildeFencesWorkToo() {
    String message =
        """
        ````json
        {"README.md": "```\\ncode\\n```\\n"}
        ````
        ~~~diff
        --- a/a.txt
        +++ b/a.txt
        @@ -1 +1 @@
        -a
        +b
        ~~~
        """;

    Refinement result = refine(AppFiles.of("a.txt", "a\n"), message);

    assertThat(text(result, "README.md")).isEqualTo("```\ncode\n```\n");
    assertThat(text(result, "a.txt")).isEqualTo("b\n");
  }

  @Test
  void anUnclosedBlockRunsToTheEndOfTheMessage() {
    Refinement result =
        refine(
            AppFiles.of("a.txt", "a\n"), "```diff\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b");

    assertThat(text(result, "a.txt")).isEqualTo("b\n");
  }
}
