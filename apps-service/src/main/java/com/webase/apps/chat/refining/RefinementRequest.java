package com.webase.apps.chat.refining;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user's new chat message and what a {@link Refiner} needs to act on it.
 *
 * <p>The maps and lists are copied (unmodifiable, files sorted by path); the byte arrays are not,
 * so callers must not change them while a refiner runs.
 *
 * @param appId the app the message was posted to
 * @param files the app's current files, path → content (paths are normalised: no leading '/',
 *     '/'-separated)
 * @param conversation earlier messages of the app's chat, oldest first (may be empty), for context
 * @param message the new user message
 */
public record RefinementRequest(
    String appId, Map<String, byte[]> files, List<ChatTurn> conversation, String message) {

  public RefinementRequest {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(message, "message");
    files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files));
    files.forEach((path, content) -> Objects.requireNonNull(content, path));
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
  }
}
