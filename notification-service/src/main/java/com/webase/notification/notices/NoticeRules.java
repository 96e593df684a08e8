package com.webase.notification.notices;

import com.webase.events.WebaseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every {@link NoticeRule} of the service, by the event type it handles. */
@Component
public class NoticeRules {

  private final Map<Class<?>, NoticeRule<?>> byType = new HashMap<>();

  NoticeRules(List<NoticeRule<?>> rules) {
    for (NoticeRule<?> rule : rules) {
      if (byType.put(rule.handles(), rule) != null) {
        throw new IllegalStateException("two notice rules for " + rule.handles().getSimpleName());
      }
    }
  }

  /** The notices of {@code event}; none for event types no rule handles. */
  @SuppressWarnings("unchecked")
  public <E extends WebaseEvent> List<Notice> noticesFor(E event, NoticeRule.Context context) {
    NoticeRule<E> rule = (NoticeRule<E>) byType.get(event.getClass());
    return rule == null ? List.of() : rule.noticesFor(event, context);
  }
}
