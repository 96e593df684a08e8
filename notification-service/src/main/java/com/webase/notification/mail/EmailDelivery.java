package com.webase.notification.mail;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due mails over SMTP. A mail that fails (SMTP server down, refused) is tried again after a
 * back-off that doubles up to {@code maxRetry}, until {@code maxAttempts}; the outcome of every
 * attempt is recorded in its row.
 *
 * <p>No database transaction is open while the SMTP server is talked to. A mail is claimed on its
 * own (one statement, {@code for update skip locked}, which moves its next attempt {@code claimFor}
 * ahead), sent, and its outcome written, so several instances share the work without sending a mail
 * twice, and a slow SMTP server holds no row locks or connections.
 *
 * <p>At-least-once towards the SMTP server: a crash between the server's acceptance and the row's
 * update sends that one mail again once its claim runs out. Its {@code Message-ID} is derived from
 * the row, so mail systems can recognise the repeat.
 */
@Component
class EmailDelivery {

  private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

  private final JavaMailSender sender;
  private final JdbcClient jdbc;
  private final MailProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  EmailDelivery(
      JavaMailSender sender,
      JdbcClient jdbc,
      MailProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  private record Due(
      UUID id,
      String template,
      String recipient,
      String subject,
      String htmlBody,
      String textBody,
      int attempts) {}

  /** Sends every due mail, one at a time, until none is due or the SMTP server fails. */
  @Scheduled(fixedDelayString = "${webase.notifications.mail.poll-interval:500ms}")
  void deliverDue() {
    Optional<Due> next = claim();
    while (next.isPresent() && deliver(next.get())) {
      next = claim();
    }
  }

  /** The next due mail, claimed for {@code claimFor}; committed at once (no transaction here). */
  private Optional<Due> claim() {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            update email set next_attempt_at = ?
            where id = (select id from email where status = 'pending' and next_attempt_at <= ?
                        order by next_attempt_at limit 1 for update skip locked)
            returning id, template, recipient, subject, html_body, text_body, attempts
            """)
        .params(Timestamp.from(now.plus(properties.claimFor())), Timestamp.from(now))
        .query(Due.class)
        .optional();
  }

  /**
   * Sends one claimed mail and records the outcome.
   *
   * @return whether it went out (false: the server is likely down, the rest waits for a later
   *     round)
   */
  private boolean deliver(Due mail) {
    try {
      sender.send(message(mail));
    } catch (MailException | MessagingException e) {
      int failures = mail.attempts() + 1;
      boolean giveUp = failures >= properties.maxAttempts();
      jdbc.sql(
              """
              update email set attempts = ?, last_error = ?, next_attempt_at = ?,
                status = ? where id = ?
              """)
          .params(
              failures,
              String.valueOf(e.getMessage()),
              Timestamp.from(clock.instant().plus(properties.backOff(failures))),
              giveUp ? "failed" : "pending",
              mail.id())
          .update();
      count(mail, giveUp ? "failed" : "retry");
      log.warn(
          "mail {} ({}) not sent, attempt {}: {}",
          mail.id(),
          mail.template(),
          failures,
          e.getMessage());
      return false;
    }
    jdbc.sql(
            """
            update email set status = 'sent', sent_at = ?, attempts = attempts + 1,
              html_body = null, text_body = null, last_error = null where id = ?
            """)
        .params(Timestamp.from(clock.instant()), mail.id())
        .update();
    count(mail, "sent");
    return true;
  }

  private void count(Due mail, String outcome) {
    meters
        .counter("webase.notifications.emails", "template", mail.template(), "outcome", outcome)
        .increment();
  }

  private MimeMessage message(Due mail) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(mail.recipient());
    helper.setSubject(mail.subject());
    helper.setText(mail.textBody(), mail.htmlBody());
    message.saveChanges();
    message.setHeader("Message-ID", "<" + mail.id() + "@notifications.webase>");
    return message;
  }
}
