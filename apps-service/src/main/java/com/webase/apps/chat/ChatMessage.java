package com.webase.apps.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of an app's chat.
 *
 * @param role {@code user} (a person or program asking for a change) or {@code assistant} (the
 *     builder's answer)
 * @param revision the revision the message produced, if any
 * @param replyTo for an assistant message, the user message it answers
 */
public record ChatMessage(
    UUID id,
    UUID appId,
    String role,
    String content,
    Integer revision,
    UUID replyTo,
    Instant createdAt) {

  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
}
