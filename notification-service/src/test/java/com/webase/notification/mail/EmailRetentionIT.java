package com.webase.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.notification.support.NotificationServiceTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@NotificationServiceTest
class EmailRetentionIT {

  @Autowired EmailQueue queue;
  @Autowired EmailRetention retention;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void settledMailsOlderThanNinetyDaysAreDeletedAndPendingOnesNever() {
    Instant now = Instant.now();
    Instant old = now.minus(Duration.ofDays(91));
    UUID oldSent = mail("sent", old);
    UUID oldFailed = mail("failed", old);
    UUID oldPending = mail("pending", old);
    UUID recentSent = mail("sent", now.minus(Duration.ofDays(89)));

    int deleted = retention.deleteOld();

    assertThat(deleted).isGreaterThanOrEqualTo(2);
    assertThat(remaining(List.of(oldSent, oldFailed, oldPending, recentSent)))
        .containsExactlyInAnyOrder(oldPending, recentSent);
  }

  /** A mail record in {@code status}, created at {@code createdAt}; never due for the loop. */
  private UUID mail(String status, Instant createdAt) {
    UUID eventId = UUID.randomUUID();
    transactions.executeWithoutResult(
        tx -> {
          queue.enqueue(
              eventId,
              "password-changed",
              "acc-" + UUID.randomUUID(),
              "kept-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
              Map.of("name", "Kept", "when", "then", "portalUrl", "http://x"));
          jdbc.sql(
                  """
                  update email set status = ?, created_at = ?, next_attempt_at = ?
                  where event_id = ?
                  """)
              .params(
                  status,
                  Timestamp.from(createdAt),
                  Timestamp.from(Instant.now().plus(Duration.ofDays(365))),
                  eventId)
              .update();
        });
    return eventId;
  }

  private List<UUID> remaining(List<UUID> eventIds) {
    return jdbc.sql("select event_id from email where event_id in (:ids)")
        .param("ids", eventIds)
        .query(UUID.class)
        .list();
  }
}
