package com.webase.platform.kittest;

import static org.awaitility.Awaitility.await;

import com.webase.events.Topics;
import com.webase.platform.events.UrgentEvents;
import com.webase.testkit.KafkaServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** When the direct send fails — the broker is down — the outbox sends the event once it is back. */
@WebaseServiceTest(keycloak = true)
class UrgentEventsFallbackIT {

  @Autowired UrgentEvents urgentEvents;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;

  @Test
  void aFailedDirectSendIsSentByTheOutboxOnceTheBrokerIsBack() {
    var event = UrgentEventsIT.revoked("user-urgent-outage");
    KafkaServer kafka = RealServers.kafka();
    kafka.stop();
    try {
      transactions.executeWithoutResult(status -> urgentEvents.publish(event));
    } finally {
      kafka.start();
    }

    try (var reader = new TopicReader(Topics.TOKEN)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> UrgentEventsIT.outboxRows(jdbc, event) == 0);
    }
  }
}
