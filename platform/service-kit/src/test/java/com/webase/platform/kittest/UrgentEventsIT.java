package com.webase.platform.kittest;

import static org.awaitility.Awaitility.await;

import com.webase.events.Topics;
import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.UrgentEvents;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Urgent events: on the topic by the time the committing call returns, and still in the outbox. */
@WebaseServiceTest(keycloak = true)
class UrgentEventsIT {

  @Autowired UrgentEvents urgentEvents;
  @Autowired TransactionTemplate transactions;

  @Test
  void aCommittedUrgentEventIsOnTheTopicWhenTheCallReturnsAndTheOutboxSendsItToo() {
    var event = revoked("user-urgent");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(status -> urgentEvents.publish(event));

      // already acknowledged by the broker: the first poll finds it
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      // the outbox's copy, same id, follows
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.eventIds().stream().filter(event.eventId().toString()::equals).count()
                      == 2);
    }
  }

  @Test
  void aRolledBackUrgentEventIsNeverSent() {
    var event = revoked("user-urgent-rolled-back");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(
          status -> {
            urgentEvents.publish(event);
            status.setRollbackOnly();
          });

      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !reader.eventIds().contains(event.eventId().toString()));
    }
  }

  @Test
  void outsideATransactionItRefuses() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> urgentEvents.publish(revoked("user-no-transaction")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static TokenRevoked revoked(String user) {
    Instant now = Instant.now();
    return new TokenRevoked(UUID.randomUUID(), now, user, UUID.randomUUID().toString(), now);
  }
}
