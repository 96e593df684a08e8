package com.webase.apps.chat.refining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AiRefinerPropertiesTest {

  private static final URI OLLAMA = URI.create("http://localhost:11434/v1");

  @Test
  void unsetTimeoutAndPromptLimitTakeTheirDefaults() {
    AiRefinerProperties properties = new AiRefinerProperties(OLLAMA, "llama3", null, null, 0);

    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(properties.maxPromptBytes()).isEqualTo(200_000);
    assertThat(properties.apiKey()).isNull();
  }

  @Test
  void theApiKeyIsMaskedWhenThePropertiesArePrinted() {
    AiRefinerProperties properties =
        new AiRefinerProperties(OLLAMA, "gpt-4o", "sk-secret-123", Duration.ofSeconds(5), 10);

    assertThat(properties.toString()).doesNotContain("sk-secret-123").contains("apiKey=(set)");
  }

  @Test
  void anApiKeyWithAControlCharacterIsRefusedWithoutSayingTheKey() {
    assertThatThrownBy(() -> new AiRefinerProperties(OLLAMA, "m", "sk-abc\r\nX: y", null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("sk-abc");
  }

  @Test
  void theEndpointIsTheBaseUrlWithChatCompletionsWithOrWithoutATrailingSlash() {
    assertThat(new AiRefinerProperties(OLLAMA, "m", null, null, 0).chatCompletionsUri())
        .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    assertThat(
            new AiRefinerProperties(URI.create("https://api.example.com/v1/"), "m", null, null, 0)
                .chatCompletionsUri())
        .isEqualTo(URI.create("https://api.example.com/v1/chat/completions"));
  }

  @Test
  void aBaseUrlAndAModelAreRequired() {
    assertThatThrownBy(() -> new AiRefinerProperties(null, "m", null, null, 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AiRefinerProperties(OLLAMA, " ", null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AiRefinerProperties(URI.create("ftp://x/v1"), "m", null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutsAreSaidInSeconds() {
    assertThat(OpenAiCompatibleRefiner.seconds(Duration.ofSeconds(60))).isEqualTo("60 s");
    assertThat(OpenAiCompatibleRefiner.seconds(Duration.ofMillis(1_500))).isEqualTo("1.5 s");
  }
}
