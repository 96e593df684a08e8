package com.webase.notification.mail;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due mails over SMTP. A mail that fails (SMTP server down, refused) is tried again after a
 * back-off that doubles up to {@code maxRetry}, until {@code maxAttempts}; the outcome of every
 * attempt is recorded in its row. Rows are claimed with {@code for update skip locked}, so several
 * instances share the work without sending a mail twice.
 *
 * <p>At-least-once towards the SMTP server: a crash between the server's acceptance and the row's
 * update sends that mail again. Its {@code Message-ID} is derived from the row, so mail systems can
 * recognise the repeat.
 */
@Component
class EmailDelivery {

  private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

  private final JavaMailSender sender;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MailProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  EmailDelivery(
      JavaMailSender sender,
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      TransactionTemplate transactions,
      MailProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.transactions = transactions;
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

  @Scheduled(fixedDelayString = "${webase.notifications.mail.poll-interval:500ms}")
  void deliverDue() {
    boolean fullBatchSent = true;
    while (fullBatchSent) {
      fullBatchSent = Boolean.TRUE.equals(transactions.execute(status -> deliverBatch()));
    }
  }

  /**
   * One batch in one transaction: the claimed rows stay locked until their outcome is written.
   *
   * @return whether a full batch went out (so more may be due)
   */
  private boolean deliverBatch() {
    Instant now = clock.instant();
    List<Due> due =
        jdbc.sql(
                """
                select id, template, recipient, subject, html_body, text_body, attempts from email
                where status = 'pending' and next_attempt_at <= ?
                order by next_attempt_at limit ? for update skip locked
                """)
            .params(Timestamp.from(now), properties.batchSize())
            .query(Due.class)
            .list();
    for (Due mail : due) {
      try {
        sender.send(message(mail));
        jdbc.sql(
                """
                update email set status = 'sent', sent_at = ?, attempts = attempts + 1,
                  html_body = null, text_body = null, last_error = null where id = ?
                """)
            .params(Timestamp.from(clock.instant()), mail.id())
            .update();
        meters
            .counter("webase.notifications.emails", "template", mail.template(), "outcome", "sent")
            .increment();
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
        meters
            .counter(
                "webase.notifications.emails",
                "template",
                mail.template(),
                "outcome",
                giveUp ? "failed" : "retry")
            .increment();
        log.warn(
            "mail {} ({}) not sent, attempt {}: {}",
            mail.id(),
            mail.template(),
            failures,
            e.getMessage());
        // the server is likely down: the rest of the batch waits for the next round
        return false;
      }
    }
    return due.size() == properties.batchSize();
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
