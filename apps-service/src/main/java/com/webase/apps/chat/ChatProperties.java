package com.webase.apps.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param refiner {@code built-in} (the default: applies a change written in the message) or {@code
 *     ai} (an OpenAI-compatible chat-completions endpoint, {@link Ai})
 * @param maxMessageLength characters of one message (200,000)
 * @param historyMessages earlier messages given to the refiner as context (20)
 */
@Validated
@ConfigurationProperties("webase.apps.chat")
public record ChatProperties(String refiner, int maxMessageLength, int historyMessages, Ai ai) {

  public ChatProperties {
    refiner = refiner == null || refiner.isBlank() ? "built-in" : refiner;
    if (!refiner.equals("built-in") && !refiner.equals("ai")) {
      throw new IllegalArgumentException(
          "webase.apps.chat.refiner must be built-in or ai, not " + refiner);
    }
    maxMessageLength = maxMessageLength <= 0 ? 200_000 : maxMessageLength;
    historyMessages = historyMessages <= 0 ? 20 : historyMessages;
  }

  /** The AI-backed refiner's endpoint; its key is a secret (environment, never the repository). */
  public record Ai(
      String baseUrl, String model, String apiKey, Duration timeout, int maxPromptBytes) {
    @Override
    public String toString() {
      return "Ai[baseUrl="
          + baseUrl
          + ", model="
          + model
          + ", apiKey="
          + (apiKey == null || apiKey.isBlank() ? "none" : "(set)")
          + "]";
    }
  }
}
