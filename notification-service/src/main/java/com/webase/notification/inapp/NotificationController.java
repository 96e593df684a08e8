package com.webase.notification.inapp;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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

/** {@code GET /api/v1/notifications}, {@code POST /api/v1/notifications/{id}/read}. */
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
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    Position after = cursor == null ? Position.START : Position.parse(cursor);
    List<Notifications.Item> page =
        notifications.page(caller.userId(), after.createdAt(), after.id(), limit + 1);
    List<Notifications.Item> items = page.stream().limit(limit).toList();
    String next =
        page.size() > limit
            ? new Position(items.getLast().createdAt(), items.getLast().id()).encode()
            : null;
    return new Page(
        items.stream().map(View::of).toList(), notifications.unread(caller.userId()), next);
  }

  @PostMapping("/{id}/read")
  ResponseEntity<Void> read(Caller caller, @PathVariable UUID id) {
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

  record Page(List<View> items, int unreadCount, String nextCursor) {}

  record View(
      UUID id,
      String kind,
      String title,
      String body,
      String link,
      Instant createdAt,
      boolean read) {
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

  /** An opaque cursor: the position of the last item of the previous page. */
  record Position(Instant createdAt, UUID id) {

    static final Position START =
        new Position(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Position parse(String cursor) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (RuntimeException e) {
        throw ProblemException.invalid("cursor", "is not a cursor this API returned");
      }
    }
  }
}
