package com.webase.apps.chat;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.events.apps.ChatMessagePosted;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's chat: posting a message publishes {@code ChatMessagePosted} — the contract with any AI
 * builder, which answers through the same API — and the refiner answers user messages off the
 * request thread ({@link ChatRefinement}).
 */
@Service
public class Chat {

  /** C0 controls and DEL, but tab, line feed and carriage return. */
  static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private final Apps apps;
  private final ChatStore store;
  private final ChatProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Chat(
      Apps apps,
      ChatStore store,
      ChatProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.apps = apps;
    this.store = store;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  /** Posts a message as the app's owner; the reply to a user message comes later. */
  @Transactional
  public ChatMessage post(Caller caller, String appId, String role, String content) {
    if (role == null) {
      role = ChatMessage.USER;
    }
    if (!role.equals(ChatMessage.USER) && !role.equals(ChatMessage.ASSISTANT)) {
      throw ProblemException.invalid("role", "must be user or assistant");
    }
    if (content == null || content.isBlank()) {
      throw ProblemException.invalid("content", "must not be blank");
    }
    if (content.length() > properties.maxMessageLength()) {
      throw ProblemException.invalid(
          "content", "must have at most " + properties.maxMessageLength() + " characters");
    }
    // escaped in JSON, one control character takes six bytes: refused, so that a message's event
    // always fits a Kafka record (1 MB); the database refuses NUL anyway
    if (CONTROL.matcher(content).find()) {
      throw ProblemException.invalid(
          "content", "must not contain control characters other than tab and line breaks");
    }
    App app = apps.lockOwnedBy(caller, appId);
    return record(app, role, content, null, null, clock.instant());
  }

  /** Records a message and announces it; the caller holds the app's lock. */
  ChatMessage record(
      App app, String role, String content, Integer revision, UUID replyTo, Instant at) {
    content = CONTROL.matcher(content).replaceAll("\uFFFD");
    ChatMessage message =
        new ChatMessage(UUID.randomUUID(), app.id(), role, content, revision, replyTo, at);
    store.insert(message);
    events.publishEvent(
        new ChatMessagePosted(
            UUID.randomUUID(),
            at,
            app.id().toString(),
            app.ownerId(),
            message.id().toString(),
            role,
            content));
    return message;
  }

  List<ChatMessage> page(App app, Instant before, UUID beforeId, int limit) {
    return store.page(app.id(), before, beforeId, limit);
  }
}
