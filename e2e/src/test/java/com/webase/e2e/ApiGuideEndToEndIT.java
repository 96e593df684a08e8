package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code sh} example of {@code docs/API.md}, run in order against the platform through
 * gateway A, as a reader runs them in one shell: the token is read from standard input as the guide
 * says, variables carry from one example to the next, each must succeed ({@code curl
 * --fail-with-body}), and an example followed by {@code <!-- expect: TEXT -->} must print TEXT.
 */
class ApiGuideEndToEndIT {

  private static final Path GUIDE = Path.of("").toAbsolutePath().getParent().resolve("docs/API.md");
  private static final Pattern EXAMPLE =
      Pattern.compile("```sh\\n(.*?)\\n```\\n(?:<!-- expect: (.*?) -->\\n)?", Pattern.DOTALL);

  private static Platform platform;
  private static Person reader;

  @BeforeAll
  static void aPersonWithATokenFromAccountSettings() throws Exception {
    platform = Platform.get();
    reader = Person.create(platform, platform.gatewayA.url(), "Reader");
  }

  @AfterAll
  static void logOut() {
    if (reader != null) {
      reader.close();
    }
  }

  @Test
  void everyExampleOfTheGuideRunsAndAnswersAsItSays() throws Exception {
    String guide = Files.readString(GUIDE);
    List<Example> examples = examples(guide);
    assertThat(examples)
        .as("every sh example of docs/API.md is read")
        .isNotEmpty()
        .hasSize(guide.split("```sh\n", -1).length - 1);
    Path work = Files.createDirectories(Path.of("target", "api-guide").toAbsolutePath());
    Path state = work.resolve("state.sh");
    Files.writeString(state, "");

    try {
      runInOrder(examples, work, state);
    } finally {
      // the shell's variables hold the reader's token: not left behind in target/
      Files.deleteIfExists(state);
    }
  }

  private static void runInOrder(List<Example> examples, Path work, Path state) throws Exception {
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      Path script = work.resolve("example-" + (i + 1) + ".sh");
      // set -a: what an example assigns is there for the next one, as in the reader's shell
      Files.writeString(
          script,
          "set -euo pipefail\nset -a\nsource '"
              + state
              + "'\n"
              + example.code()
              + "\nexport -p > '"
              + state
              + "'\n");
      Path output = work.resolve("example-" + (i + 1) + ".out");
      ProcessBuilder bash =
          new ProcessBuilder("bash", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      bash.environment().put("WEBASE", platform.gatewayA.url());
      Process shell = bash.start();
      try (var stdin = shell.getOutputStream()) {
        stdin.write((reader.token() + "\n").getBytes());
      }
      assertThat(shell.waitFor(60, TimeUnit.SECONDS)).as("example %d finished", i + 1).isTrue();
      String printed = Files.readString(output);
      assertThat(shell.exitValue())
          .as("example %d of docs/API.md:%n%s%nprinted:%n%s", i + 1, example.code(), printed)
          .isZero();
      if (example.expect() != null) {
        assertThat(printed).as("example %d's answer", i + 1).contains(example.expect());
      }
    }
  }

  private static List<Example> examples(String guide) {
    List<Example> examples = new ArrayList<>();
    Matcher matcher = EXAMPLE.matcher(guide);
    while (matcher.find()) {
      examples.add(new Example(matcher.group(1), matcher.group(2)));
    }
    return examples;
  }

  private record Example(String code, String expect) {}
}
