package com.webase.apps.chat;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apps/{appId}/chat/messages}: post a message (202: the reply arrives later as a
 * message of its own, and as an in-app notification), list them newest first.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/chat/messages")
class ChatController {

  private static final int MAX_PAGE = 100;

  private final Apps apps;
  private final Chat chat;

  ChatController(Apps apps, Chat chat) {
    this.apps = apps;
    this.chat = chat;
  }

  /**
   * A user message asks the builder for a change; an assistant message is an AI builder's answer
   * posted through the API (it changes nothing by itself: the builder changes files with {@code
   * POST /changes}).
   */
  @SuccessStatus(202)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @PostMapping
  ResponseEntity<MessageView> post(
      Caller caller, @PathVariable String appId, @RequestBody NewMessage request) {
    caller.requireScope("apps:write");
    ChatMessage message = chat.post(caller, appId, request.role(), request.content());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/apps/" + appId + "/chat/messages?limit=1"))
        .body(MessageView.of(message));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping
  MessagePage list(
      Caller caller,
      @PathVariable String appId,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("apps:read");
    PageCursor.checkLimit(limit, MAX_PAGE);
    PageCursor after = PageCursor.parseOrStart(cursor);
    App app = apps.ownedBy(caller, appId);
    List<ChatMessage> page = chat.page(app, after.at(), after.id(), limit + 1);
    String next =
        PageCursor.nextAfter(page, limit, last -> new PageCursor(last.createdAt(), last.id()));
    return new MessagePage(page.stream().limit(limit).map(MessageView::of).toList(), next);
  }

  /**
   * @param role {@code user} (default) or {@code assistant}
   */
  record NewMessage(
      @Schema(
              description =
                  "Who speaks: user (the default) asks for a change; assistant is an AI builder's answer.",
              allowableValues = {"user", "assistant"})
          String role,
      @Schema(
              description =
                  "The message: a request in words, or a patch or file set the built-in refiner applies.")
          String content) {}

  record MessagePage(List<MessageView> items, String nextCursor) {}

  record MessageView(
      @Schema(description = "The message's id.") UUID id,
      @Schema(description = "user or assistant.") String role,
      @Schema(description = "The message.") String content,
      @Schema(description = "The app's revision a change from this message made; absent if none.")
          Integer revision,
      @Schema(description = "The message this one answers; absent for a user's message.")
          UUID replyTo,
      @Schema(description = "When it was posted.") Instant createdAt) {
    static MessageView of(ChatMessage message) {
      return new MessageView(
          message.id(),
          message.role(),
          message.content(),
          message.revision(),
          message.replyTo(),
          message.createdAt());
    }
  }
}
