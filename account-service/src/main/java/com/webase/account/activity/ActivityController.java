package com.webase.account.activity;

import com.webase.platform.paging.PageCursor;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/account/activity}: the caller's security activity, newest first; an API token
 * needs {@code account:read}.
 */
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
    caller.requireScope("account:read");
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    PageCursor after = PageCursor.parseOrStart(cursor);
    List<SecurityActivity.Entry> page =
        activity.page(caller.userId(), after.at(), after.id(), limit + 1);
    List<SecurityActivity.Entry> items = page.stream().limit(limit).toList();
    String next =
        page.size() > limit
            ? new PageCursor(items.getLast().occurredAt(), items.getLast().id()).encode()
            : null;
    return new ActivityPage(items, next);
  }

  record ActivityPage(List<SecurityActivity.Entry> items, String nextCursor) {}
}
