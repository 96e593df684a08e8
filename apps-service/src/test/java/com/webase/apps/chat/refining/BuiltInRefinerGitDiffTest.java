package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.change;
import static com.webase.apps.chat.refining.AppFiles.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Diffs recorded from {@code git diff -M} (under {@code refining/git-diffs/}: the files before, the
 * diff, the files after) turn the files before into exactly the files after, byte for byte — CRLF
 * lines, missing final newlines, renames, empty new files and deletions included.
 */
class BuiltInRefinerGitDiffTest {

  private final BuiltInRefiner refiner = new BuiltInRefiner();

  @ParameterizedTest
  @ValueSource(strings = {"crlf-and-final-newline", "create-delete-rename"})
  void aRecordedGitDiffTurnsTheFilesBeforeIntoTheFilesAfter(String name) throws Exception {
    Path recorded = resource("/refining/git-diffs");
    Map<String, byte[]> before = tree(recorded.resolve(name).resolve("before"));
    String diff = Files.readString(recorded.resolve(name + ".diff"), StandardCharsets.UTF_8);

    Refinement result = refiner.refine(request(before, "```diff\n" + diff + "```"));

    Map<String, byte[]> after = new TreeMap<>(before);
    change(result)
        .changes()
        .forEach(
            (path, content) -> {
              if (content == null) {
                after.remove(path);
              } else {
                after.put(path, content);
              }
            });
    Map<String, byte[]> expected = tree(recorded.resolve(name).resolve("after"));
    assertThat(after).containsOnlyKeys(expected.keySet());
    expected.forEach(
        (path, content) ->
            assertThat(new String(after.get(path), StandardCharsets.UTF_8))
                .as(path)
                .isEqualTo(new String(content, StandardCharsets.UTF_8)));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(BuiltInRefinerGitDiffTest.class.getResource(name).toURI());
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
