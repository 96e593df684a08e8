package com.webase.notification.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Mails waiting for delivery. Enqueued in the transaction that records the event as processed, so
 * an event yields its mail exactly once however often it is delivered; {@link EmailDelivery} sends.
 */
@Service
public class EmailQueue {

  private final JdbcClient jdbc;
  private final MailTemplates templates;
  private final Clock clock;

  EmailQueue(JdbcClient jdbc, MailTemplates templates, Clock clock) {
    this.jdbc = jdbc;
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * Renders and enqueues one mail.
   *
   * @return whether it was new (false: this event's mail of this template was already queued)
   */
  public boolean enqueue(
      UUID eventId,
      String template,
      String accountId,
      String to,
      java.util.Map<String, Object> model) {
    MailTemplates.Rendered mail = templates.render(template, model);
    Instant now = clock.instant();
    return jdbc.sql(
                """
                insert into email (id, event_id, template, account_id, recipient, subject,
                  html_body, text_body, status, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                on conflict (event_id, template) do nothing
                """)
            .params(
                UUID.randomUUID(),
                eventId,
                template,
                accountId,
                to,
                mail.subject(),
                mail.html(),
                mail.text(),
                Timestamp.from(now),
                Timestamp.from(now))
            .update()
        == 1;
  }
}
