package com.webase.notification.intake;

import com.webase.notification.mail.EmailQueue;
import com.webase.notification.mail.MailProperties;
import com.webase.notification.notices.Notice;
import com.webase.notification.preferences.Preferences;
import com.webase.notification.recipients.Recipient;
import com.webase.notification.recipients.Recipients;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mail to an account's current address ({@link Notice.Email#toAccount}). Queued at once when the
 * address is known; otherwise held in {@code held_email} until account-service announces it — a
 * token event can overtake {@code AccountCreated}, and an account is only created on the person's
 * first request to account-service (decision 0014). A loop moves held mail to the queue once the
 * address is there, and drops what waited longer than {@code hold-for}.
 *
 * <p>The loop, not the {@code AccountCreated} intake, releases held mail: the two events come on
 * different topics and may be taken in concurrent transactions that cannot see each other's rows.
 */
@Component
class MailToAccounts {

  private static final Logger log = LoggerFactory.getLogger(MailToAccounts.class);
  private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {};
  private static final int BATCH = 100;

  private final Recipients recipients;
  private final Preferences preferences;
  private final EmailQueue emails;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final MailProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  MailToAccounts(
      Recipients recipients,
      Preferences preferences,
      EmailQueue emails,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JsonMapper json,
      MailProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.recipients = recipients;
    this.preferences = preferences;
    this.emails = emails;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** Queues {@code mail} to the account's address, or holds it; in the caller's transaction. */
  void send(UUID eventId, Notice.Email mail) {
    var recipient = recipients.find(mail.accountId());
    if (recipient.isPresent()) {
      emails.enqueue(
          eventId,
          mail.template(),
          mail.accountId(),
          recipient.get().email(),
          addressed(mail.model(), recipient.get()));
      return;
    }
    int held =
        jdbc.sql(
                """
                insert into held_email (event_id, template, account_id, preference, model, held_at)
                values (?, ?, ?, ?, ?::jsonb, ?)
                on conflict (event_id, template) do nothing
                """)
            .params(
                eventId,
                mail.template(),
                mail.accountId(),
                mail.preference(),
                json.writeValueAsString(mail.model()),
                Timestamp.from(clock.instant()))
            .update();
    if (held == 1) {
      count(mail.template(), "held");
      log.info("{} mail of event {} held: no address known yet", mail.template(), eventId);
    }
  }

  /** Drops the held mail of a deleted account; in the caller's transaction. */
  void forget(String accountId) {
    jdbc.sql("delete from held_email where account_id = ?").param(accountId).update();
  }

  private record Held(
      UUID eventId,
      String template,
      String accountId,
      String preference,
      String model,
      String email,
      String name) {}

  @Scheduled(fixedDelayString = "${webase.notifications.mail.poll-interval:500ms}")
  void releaseAndExpire() {
    boolean fullBatch = true;
    while (fullBatch) {
      fullBatch = Boolean.TRUE.equals(transactions.execute(status -> releaseBatch()));
    }
    transactions.executeWithoutResult(status -> expire());
  }

  /**
   * Moves held mail whose address is now known to the queue.
   *
   * @return whether a full batch moved (so more may be waiting)
   */
  private boolean releaseBatch() {
    List<Held> ready =
        jdbc.sql(
                """
                select h.event_id, h.template, h.account_id, h.preference, h.model::text as model,
                  r.email, r.name
                from held_email h join recipient r on r.account_id = h.account_id
                order by h.held_at limit ? for update of h skip locked
                """)
            .param(BATCH)
            .query(Held.class)
            .list();
    for (Held mail : ready) {
      if (preferences.of(mail.accountId()).allows(mail.preference())) {
        emails.enqueue(
            mail.eventId(),
            mail.template(),
            mail.accountId(),
            mail.email(),
            addressed(
                json.readValue(mail.model(), MODEL),
                new Recipient(mail.accountId(), mail.email(), mail.name())));
        count(mail.template(), "released");
      } else {
        count(mail.template(), "switched-off");
      }
      jdbc.sql("delete from held_email where event_id = ? and template = ?")
          .params(mail.eventId(), mail.template())
          .update();
    }
    return ready.size() == BATCH;
  }

  private void expire() {
    Instant oldest = clock.instant().minus(properties.holdFor());
    List<Map<String, Object>> dropped =
        jdbc.sql(
                """
                delete from held_email h where held_at < ?
                  and not exists (select 1 from recipient r where r.account_id = h.account_id)
                returning event_id, template
                """)
            .param(Timestamp.from(oldest))
            .query()
            .listOfRows();
    for (Map<String, Object> mail : dropped) {
      String template = (String) mail.get("template");
      count(template, "expired");
      log.warn(
          "{} mail of event {} dropped: no address known after {}",
          template,
          mail.get("event_id"),
          properties.holdFor());
    }
  }

  private static Map<String, Object> addressed(Map<String, Object> model, Recipient recipient) {
    Map<String, Object> withName = new HashMap<>(model);
    withName.put("name", recipient.name());
    return withName;
  }

  private void count(String template, String outcome) {
    meters
        .counter("webase.notifications.emails.held", "template", template, "outcome", outcome)
        .increment();
  }
}
