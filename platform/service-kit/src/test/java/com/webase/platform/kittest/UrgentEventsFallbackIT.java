package com.webase.platform.kittest;

import static org.awaitility.Awaitility.await;

import com.webase.events.Topics;
import com.webase.platform.events.UrgentEvents;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the direct send is not acknowledged in time, the outbox sends the event itself. A wait of
 * zero makes every direct send late (the record still reaches the broker: two copies, same id).
 */
@WebaseServiceTest(keycloak = true)
@TestPropertySource(properties = "webase.events.urgent-wait=0ms")
class UrgentEventsFallbackIT {

  @Autowired UrgentEvents urgentEvents;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;

  @Test
  void anUnacknowledgedDirectSendIsSentByTheOutbox() {
    var event = UrgentEventsIT.revoked("user-urgent-late");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(status -> urgentEvents.publish(event));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.eventIds().stream().filter(event.eventId().toString()::equals).count()
                      == 2);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> UrgentEventsIT.outboxRows(jdbc, event) == 0);
    }
  }
}
