package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The model's content, once the HTTP exchange went well. */
class AiAnswerTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final AiAnswer answers = new AiAnswer(json);

  private String completion(String content) {
    return json.writeValueAsString(
        Map.of("choices", java.util.List.of(Map.of("message", Map.of("content", content)))));
  }

  @Test
  void aFileWhoseContentIsNotTextMakesTheAnswerUnusable() {
    String content = "{\"reply\": \"ok\", \"files\": {\"a.txt\": 42}}";

    assertThatThrownBy(() -> answers.read(completion(content), Map.of()))
        .isInstanceOf(AiAnswer.Unusable.class)
        .hasMessage("not the expected JSON");
  }

  @Test
  void anAnswerWithoutAReplyIsUnusable() {
    assertThatThrownBy(() -> answers.read(completion("{\"files\": {}}"), Map.of()))
        .isInstanceOf(AiAnswer.Unusable.class);
  }

  @Test
  void deletingAFileThatDoesNotExistIsIgnoredAndUnchangedFilesAreLeftOut() {
    String content =
        "{\"reply\": \"Tidied up.\", \"files\": {\"gone.css\": null, \"a.txt\": \"same\","
            + " \"b.txt\": \"new\"}}";

    Refinement result =
        answers.read(completion(content), AppFiles.of("a.txt", "same", "b.txt", "old"));

    assertThat(change(result).changes()).containsOnlyKeys("b.txt");
    assertThat(result.reply()).isEqualTo("Tidied up.");
  }

  @Test
  void anEmptyReplyIsReplacedBySayingWhatChanged() {
    Refinement result =
        answers.read(
            completion("{\"reply\": \"\", \"files\": {\"/app.js\": \"run();\\n\"}}"), Map.of());

    assertThat(change(result).changes()).containsOnlyKeys("app.js");
    assertThat(result.reply()).isEqualTo("Changed the app: created app.js.");
  }

  @Test
  void proseAroundTheJsonObjectIsTolerated() {
    Refinement result =
        answers.read(
            completion(
                "Sure, here you go: {\"reply\": \"Done.\", \"files\": {\"a\": \"b\"}} Enjoy!"),
            Map.of());

    assertThat(change(result).changes()).containsOnlyKeys("a");
  }
}
