package com.webase.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Every problem {@code type} the platform's code emits has its entry in {@code docs/problems/}, and
 * the gateway serves each entry at {@code /problems/<slug>}.
 *
 * <p>The code names a problem's slug in a few ways, each matched below: right after its status
 * ({@code new ProblemException(HttpStatus.CONFLICT, "email-taken", …)}, {@code problems.write(
 * exchange, status, "not-found", …)}), in a documented response ({@code @ProblemResponse(status =
 * 404, type = "app-not-found")}, {@code problem(operation, 401, "invalid-api-token", …)}), and the
 * password policy's refusals ({@code refuse("password-too-short", …)}). Problems named after their
 * HTTP status alone are served a generic page ({@link ProblemCatalogue#statusNamed}).
 */
class ProblemCatalogueTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path CATALOGUE = ROOT.resolve("docs/problems");
  private static final String SLUG = "\"([a-z0-9]+(?:-[a-z0-9]+)*)\"";
  private static final List<Pattern> NAMED_SLUGS =
      List.of(
          Pattern.compile("(?:HttpStatus\\.[A-Z_]+|\\bstatus)\\s*,\\s*" + SLUG + "\\s*,"),
          Pattern.compile("\\bstatus\\.is5xxServerError\\(\\)\\s*\\?\\s*" + SLUG),
          Pattern.compile("\\bslug\\s*=\\s*[^;\"]*\\?\\s*" + SLUG + "\\s*:\\s*" + SLUG),
          Pattern.compile(",\\s*[45]\\d\\d\\s*,\\s*" + SLUG),
          Pattern.compile("@ProblemResponse\\([^)]*\\btype\\s*=\\s*" + SLUG),
          Pattern.compile("\\b(?:refuse|new Refusal)\\(\\s*" + SLUG));

  @Test
  void everyProblemTypeTheCodeEmitsHasAnEntry() {
    Set<String> emitted = emittedSlugs(ROOT);

    assertThat(emitted)
        .as("problem types found in the code")
        .contains("validation", "invalid-api-token", "password-too-weak", "internal-error");
    assertThat(entries())
        .as("docs/problems/<slug>.md for every type the code emits")
        .containsAll(emitted);
  }

  @Test
  void everyEntryIsATypeTheCodeEmits() {
    assertThat(emittedSlugs(ROOT))
        .as("a type the code no longer emits has no entry")
        .containsAll(entries());
  }

  @Test
  void everyEntrySaysWhatItMeansAndWhatToDo() throws IOException {
    for (String slug : entries()) {
      String text = Files.readString(CATALOGUE.resolve(slug + ".md"));
      assertThat(text)
          .as(slug)
          .startsWith("# ")
          .contains("`https://webase.dev/problems/" + slug + "` · HTTP ")
          .contains("\n## What it means\n\n")
          .contains("\n## What to do\n\n");
    }
  }

  @Test
  void theGatewayPackagesEveryEntry() {
    for (String slug : entries()) {
      assertThat(new ClassPathResource("problems/" + slug + ".md").exists()).as(slug).isTrue();
    }
  }

  @Test
  void eachWayOfNamingAProblemIsFound() {
    String code =
        """
        throw new ProblemException(
            HttpStatus.CONFLICT,
            "alpha-one",
            "Title", "detail");
        return problems.write(exchange, status, "beta", "Title", "detail");
        String slug = status < 500 ? "gamma" : "delta";
        status.is5xxServerError()
            ? "epsilon"
            : status.getReasonPhrase();
        @ProblemResponse(status = 404, type = "zeta")
        problem(operation, 401, "eta", "when");
        return refuse("theta", "newPassword", "reason");
        new Refusal(
            "iota", "newPassword");
        meters.counter("webase.tokens", "outcome", "not-a-problem");
        {@code <script type="module">}
        """;

    assertThat(slugsIn(code))
        .containsExactlyInAnyOrder(
            "alpha-one", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota");
  }

  @Test
  void aProblemNamedAfterItsStatusAloneGetsAGenericPage() {
    assertThat(ProblemCatalogue.statusNamed("gateway-timeout")).isPresent();
    assertThat(ProblemCatalogue.statusNamed("i-m-a-teapot")).isPresent();
    assertThat(ProblemCatalogue.statusNamed("app-not-found")).isEmpty();
    assertThat(ProblemCatalogue.statusNamed("ok")).isEmpty();
  }

  static Set<String> emittedSlugs(Path root) {
    Set<String> slugs = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(path -> path.toString().endsWith(".java"))
          .filter(path -> path.toString().contains("/src/main/java/"))
          .filter(path -> !path.toString().contains("/target/"))
          .forEach(path -> slugs.addAll(slugsIn(read(path))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return slugs;
  }

  static Set<String> slugsIn(String code) {
    Set<String> slugs = new TreeSet<>();
    for (Pattern pattern : NAMED_SLUGS) {
      Matcher matcher = pattern.matcher(code);
      while (matcher.find()) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
          if (matcher.group(group) != null) {
            slugs.add(matcher.group(group));
          }
        }
      }
    }
    return slugs;
  }

  private static Set<String> entries() {
    try (Stream<Path> files = Files.list(CATALOGUE)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals("README.md"))
          .map(name -> name.substring(0, name.length() - ".md".length()))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
