package com.webase.notification.notices;

import com.webase.events.WebaseEvent;
import com.webase.notification.recipients.Recipient;
import java.util.List;
import java.util.Optional;

/**
 * How one event type reaches people. Adding an event type is one small class implementing this (a
 * Spring bean); {@link NoticeRules} finds it by {@link #handles()}.
 *
 * @param <E> the event type
 */
public interface NoticeRule<E extends WebaseEvent> {

  Class<E> handles();

  List<Notice> noticesFor(E event, Context context);

  /** What a rule may know beyond the event. */
  interface Context {

    /** The person's current address and name, if account-service announced them. */
    Optional<Recipient> recipient(String accountId);

    /** The public URL of the portal, for links. */
    String portalUrl();
  }
}
