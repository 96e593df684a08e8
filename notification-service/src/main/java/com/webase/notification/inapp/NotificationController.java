package com.webase.notification.inapp;

import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications} (an API token needs {@code account:read}), {@code POST
 * /api/v1/notifications/{id}/read} ({@code account:write}).
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

  static final int MAX_PAGE = 100;

  private final Notifications notifications;
  private final Clock clock;

  NotificationController(Notifications notifications, Clock clock) {
    this.notifications = notifications;
    this.clock = clock;
  }

  @GetMapping
  Page list(
      Caller caller,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("account:read");
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    PageCursor after = PageCursor.parseOrStart(cursor);
    List<Notifications.Item> page =
        notifications.page(caller.userId(), after.at(), after.id(), limit + 1);
    List<Notifications.Item> items = page.stream().limit(limit).toList();
    String next =
        page.size() > limit
            ? new PageCursor(items.getLast().createdAt(), items.getLast().id()).encode()
            : null;
    return new Page(
        items.stream().map(View::of).toList(), notifications.unread(caller.userId()), next);
  }

  @SuccessStatus(204)
  @ProblemResponse(
      status = 404,
      type = "notification-not-found",
      when = "no such notification of this account")
  @PostMapping("/{id}/read")
  ResponseEntity<Void> read(Caller caller, @PathVariable UUID id) {
    caller.requireScope("account:write");
    // someone else's notification is as absent as one that never existed
    if (!notifications.markRead(caller.userId(), id, clock.instant())) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "notification-not-found",
          "Notification not found",
          "There is no notification " + id + ".");
    }
    return ResponseEntity.noContent().build();
  }

  record Page(
      List<View> items,
      @Schema(
              description =
                  "How many of the account's notifications are unread (all, not this page).")
          int unreadCount,
      String nextCursor) {}

  record View(
      @Schema(description = "The notification's id.") UUID id,
      @Schema(description = "What it is about, e.g. password-changed or token-regenerated.")
          String kind,
      @Schema(description = "A short title.") String title,
      @Schema(description = "The text.") String body,
      @Schema(description = "A portal path to go to, when there is one.") String link,
      @Schema(description = "When it was made.") Instant createdAt,
      @Schema(description = "Whether it was marked read.") boolean read) {
    static View of(Notifications.Item item) {
      return new View(
          item.id(),
          item.kind(),
          item.title(),
          item.body(),
          item.link(),
          item.createdAt(),
          item.readAt() != null);
    }
  }
}
