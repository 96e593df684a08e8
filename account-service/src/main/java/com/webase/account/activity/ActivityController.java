package com.webase.account.activity;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/account/activity}: the caller's security activity, newest first. */
@RestController
class ActivityController {

  static final int MAX_PAGE = 100;

  private final SecurityActivity activity;

  ActivityController(SecurityActivity activity) {
    this.activity = activity;
  }

  @GetMapping("/api/v1/account/activity")
  ActivityPage list(
      Caller caller,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    Position after = cursor == null ? Position.START : Position.parse(cursor);
    List<SecurityActivity.Entry> page =
        activity.page(caller.userId(), after.occurredAt(), after.id(), limit + 1);
    List<SecurityActivity.Entry> items = page.stream().limit(limit).toList();
    String next =
        page.size() > limit
            ? new Position(items.getLast().occurredAt(), items.getLast().id()).encode()
            : null;
    return new ActivityPage(items, next);
  }

  record ActivityPage(List<SecurityActivity.Entry> items, String nextCursor) {}

  /** An opaque cursor: the position of the last entry of the previous page. */
  record Position(Instant occurredAt, UUID id) {

    // later than any entry: the first page starts here
    static final Position START =
        new Position(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
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
