package com.webase.apps.chat.refining;

import java.util.Objects;

/**
 * One earlier message of an app's chat.
 *
 * @param role {@code "user"} or {@code "assistant"}
 * @param content what was said
 */
public record ChatTurn(String role, String content) {

  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public ChatTurn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
