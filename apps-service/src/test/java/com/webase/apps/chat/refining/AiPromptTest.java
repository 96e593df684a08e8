package com.webase.apps.chat.refining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the prompt carries within its byte limit, and how turns are arranged for chat templates. */
class AiPromptTest {

  private static AiPrompt prompt(
      Map<String, byte[]> files, List<ChatTurn> conversation, String message, int limit) {
    return AiPrompt.of(new RefinementRequest("app-1", files, conversation, message), limit);
  }

  private static List<String> roles(AiPrompt prompt) {
    return prompt.messages().stream().map(AiPrompt.Message::role).toList();
  }

  @Test
  void repeatedRolesAreMergedSoUserAndAssistantAlternate() {
    AiPrompt prompt =
        prompt(
            Map.of(),
            List.of(
                new ChatTurn("user", "first"),
                new ChatTurn("user", "second"),
                new ChatTurn("assistant", "answer"),
                new ChatTurn("user", "unanswered")),
            "new",
            10_000);

    assertThat(roles(prompt)).containsExactly("system", "user", "assistant", "user");
    assertThat(prompt.messages().get(1).content()).isEqualTo("first\n\nsecond");
    assertThat(prompt.messages().get(3).content()).isEqualTo("unanswered\n\nnew");
  }

  @Test
  void anAssistantTurnRightAfterTheInstructionsIsLeftOut() {
    AiPrompt prompt =
        prompt(Map.of(), List.of(new ChatTurn("assistant", "Welcome!")), "Make a page", 10_000);

    assertThat(roles(prompt)).containsExactly("system", "user");
  }

  @Test
  void onlyTheMostRecentTurnsWithinAQuarterOfTheLimitAreSentAndTheRestIsCounted() {
    List<ChatTurn> conversation =
        List.of(
            new ChatTurn("user", "a".repeat(200)),
            new ChatTurn("assistant", "b".repeat(200)),
            new ChatTurn("user", "c".repeat(200)),
            new ChatTurn("assistant", "d".repeat(200)));

    AiPrompt prompt = prompt(Map.of(), conversation, "new", 2_000);

    assertThat(prompt.messages())
        .extracting(AiPrompt.Message::content)
        .containsExactly(
            prompt.messages().getFirst().content(), "c".repeat(200), "d".repeat(200), "new");
    assertThat(prompt.messages().getFirst().content())
        .contains("2 earlier messages of this chat are not shown.");
  }

  @Test
  void filesFillWhatIsLeftInPathOrderEachWholeOrNotAtAll() {
    Map<String, byte[]> files =
        AppFiles.of("a.txt", "a".repeat(400), "b.txt", "b".repeat(700), "c.txt", "c".repeat(500));

    AiPrompt prompt = prompt(files, List.of(), "m".repeat(100), 1_000);

    String system = prompt.messages().getFirst().content();
    assertThat(system).contains("<file path=\"a.txt\">", "<file path=\"c.txt\">");
    assertThat(system).doesNotContain("<file path=\"b.txt\">");
    assertThat(prompt.overLimit()).containsExactly("b.txt (700 bytes)");
  }

  @Test
  void anAppWithoutFilesIsSaidToHaveNone() {
    AiPrompt prompt = prompt(Map.of(), List.of(), "Make a page", 1_000);

    assertThat(prompt.messages().getFirst().content()).contains("(The app has no text files yet.)");
  }
}
