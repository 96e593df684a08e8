package com.webase.apps.chat.refining;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the AI builder: an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM
 * and other hosted APIs). Bound by the caller to {@code webase.apps.chat.ai.*}.
 *
 * <p>The API key is a secret: {@link #toString()} masks it, and nothing in this package logs it or
 * puts it in a reply or an exception message.
 *
 * @param baseUrl the API's base, to which {@code /chat/completions} is added, e.g. {@code
 *     https://api.openai.com/v1} or {@code http://localhost:11434/v1} (Ollama); required
 * @param model the model name the endpoint knows, e.g. {@code qwen2.5-coder:7b}; required
 * @param apiKey sent as {@code Authorization: Bearer …} when set; blank means none (Ollama, vLLM)
 * @param timeout how long one answer may take in all, connecting included; 60 s when unset
 * @param maxPromptBytes how many bytes of files, earlier messages and the new message the prompt
 *     carries at most (the instructions come on top); 200,000 when unset
 */
public record AiRefinerProperties(
    URI baseUrl, String model, String apiKey, Duration timeout, int maxPromptBytes) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_PROMPT_BYTES = 200_000;

  public AiRefinerProperties {
    Objects.requireNonNull(baseUrl, "the AI builder's base URL is required");
    if (!"http".equalsIgnoreCase(baseUrl.getScheme())
        && !"https".equalsIgnoreCase(baseUrl.getScheme())) {
      throw new IllegalArgumentException(
          "the AI builder's base URL must be http or https: " + baseUrl);
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("the AI builder's model is required");
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    if (apiKey != null && apiKey.chars().anyMatch(Character::isISOControl)) {
      // Said without the key itself: it must not reach a log through a startup failure.
      throw new IllegalArgumentException("the AI builder's API key holds control characters");
    }
    timeout =
        timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    maxPromptBytes = maxPromptBytes <= 0 ? DEFAULT_MAX_PROMPT_BYTES : maxPromptBytes;
  }

  /** The endpoint answers are asked from. */
  URI chatCompletionsUri() {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
  }

  @Override
  public String toString() {
    return "AiRefinerProperties[baseUrl=%s, model=%s, apiKey=%s, timeout=%s, maxPromptBytes=%d]"
        .formatted(baseUrl, model, apiKey == null ? "none" : "(set)", timeout, maxPromptBytes);
  }
}
