package com.webase.notification.intake;

import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.account.AccountDeleted;
import com.webase.events.account.AccountEvent;
import com.webase.notification.inapp.Notifications;
import com.webase.notification.mail.EmailQueue;
import com.webase.notification.mail.MailProperties;
import com.webase.notification.notices.Notice;
import com.webase.notification.notices.NoticeRule;
import com.webase.notification.notices.NoticeRules;
import com.webase.notification.preferences.Preferences;
import com.webase.notification.recipients.Recipient;
import com.webase.notification.recipients.Recipients;
import com.webase.platform.events.EventInbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the platform's events into notices: once per event (the inbox), in one transaction — the
 * address book moves, mails are queued (sent later by the delivery loop, so an SMTP outage never
 * holds up the topic), in-app notifications are written. Malformed events go to the DLT (kit).
 */
@Component
class EventIntake {

  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

  private final EventInbox inbox;
  private final Recipients recipients;
  private final NoticeRules rules;
  private final EmailQueue emails;
  private final Notifications notifications;
  private final Preferences preferences;
  private final MailProperties mail;
  private final MailToAccounts mailToAccounts;

  EventIntake(
      EventInbox inbox,
      Recipients recipients,
      NoticeRules rules,
      EmailQueue emails,
      Notifications notifications,
      Preferences preferences,
      MailProperties mail,
      MailToAccounts mailToAccounts) {
    this.inbox = inbox;
    this.recipients = recipients;
    this.rules = rules;
    this.emails = emails;
    this.notifications = notifications;
    this.preferences = preferences;
    this.mail = mail;
    this.mailToAccounts = mailToAccounts;
  }

  @KafkaListener(
      topics = {Topics.ACCOUNT, Topics.TOKEN, Topics.APPS},
      groupId = "notification-service")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.handle(record, (event, envelope) -> take(event));
  }

  private void take(WebaseEvent event) {
    NoticeRule.Context context =
        new NoticeRule.Context() {
          public Optional<Recipient> recipient(String accountId) {
            return recipients.find(accountId);
          }

          public String portalUrl() {
            return mail.portalUrl();
          }
        };
    // notices first: a rule may need the address as it was before this event moves it
    var notices = rules.noticesFor(event, context);
    if (event instanceof AccountEvent accountEvent) {
      recipients.apply(accountEvent);
    }
    for (Notice notice : notices) {
      switch (notice) {
        case Notice.Email email -> {
          if (!preferences.of(email.accountId()).allows(email.preference())) {
            log.info(
                "{} mail of event {} not sent: switched off", email.template(), event.eventId());
          } else if (email.to() == null) {
            // the address as this event leaves it, or held until account-service announces one
            mailToAccounts.send(event.eventId(), email);
          } else {
            emails.enqueue(
                event.eventId(), email.template(), email.accountId(), email.to(), email.model());
          }
        }
        case Notice.InApp inApp ->
            notifications.add(
                inApp.accountId(),
                event.eventId(),
                inApp.kind(),
                inApp.title(),
                inApp.body(),
                inApp.link(),
                event.occurredAt());
      }
    }
    if (event instanceof AccountDeleted deleted) {
      notifications.deleteAll(deleted.accountId());
      preferences.delete(deleted.accountId());
      mailToAccounts.forget(deleted.accountId());
    }
  }
}
