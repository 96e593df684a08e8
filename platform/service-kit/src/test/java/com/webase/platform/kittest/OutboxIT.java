package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.webase.events.Topics;
import com.webase.events.account.ProfileUpdated;
import com.webase.testkit.KafkaServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox against real PostgreSQL and a real Kafka broker. */
@WebaseServiceTest(keycloak = true)
class OutboxIT {

  @Autowired KitTestApplication.Renaming renaming;

  @Test
  void aCommittedEventArrivesOnItsTopicWithCloudEventsHeadersAndItsKey() {
    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      ProfileUpdated event = renaming.rename("user-committed", "Ada", false);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));

      var record =
          reader.poll().stream()
              .filter(r -> event.eventId().toString().equals(TopicReader.header(r, "ce_id")))
              .findFirst()
              .orElseThrow();
      assertThat(record.key()).isEqualTo("user-committed");
      assertThat(TopicReader.header(record, "ce_type"))
          .isEqualTo("com.webase.account.ProfileUpdated");
      assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/webase/account-service");
      assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
      assertThat(TopicReader.header(record, "ce_schemaversion")).isEqualTo("1");
      assertThat(TopicReader.header(record, "traceparent")).isNotBlank();
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"name\":\"Ada\"");
    }
  }

  @Test
  void eventsOfOneSubjectArriveInTheOrderTheyWerePublished() {
    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      List<String> published = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        renaming
            .renameSeveralTimes("user-ordered", 10)
            .forEach(e -> published.add(e.eventId().toString()));
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> reader.eventIds().containsAll(published));
      assertThat(reader.eventIds())
          .filteredOn(published::contains)
          .containsExactlyElementsOf(published);
    }
  }

  @Test
  void aRolledBackTransactionPublishesNothing() {
    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> renaming.rename("user-rolled-back", "Never", true))
            .hasMessage("rolled back on purpose");
      }
      // a committed event after the rolled-back ones: once it is there, they would be too
      ProfileUpdated marker = renaming.rename("user-rolled-back", "After", false);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reader.eventIds().contains(marker.eventId().toString()));

      assertThat(reader.poll())
          .filteredOn(r -> "user-rolled-back".equals(r.key()))
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .noneMatch(json -> json.contains("\"Never\""))
          .hasSize(1);
    }
  }

  @Test
  void eventsCommittedWhileTheBrokerIsDownAllArriveOnceItIsBack() {
    KafkaServer kafka = RealServers.kafka();
    List<String> committed = new ArrayList<>();
    kafka.stop();
    try {
      for (int i = 0; i < 20; i++) {
        committed.add(
            renaming.rename("user-outage", "During outage " + i, false).eventId().toString());
      }
    } finally {
      kafka.start();
    }

    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> reader.eventIds().containsAll(committed));
      // every one of the 20 arrived; the outbox resent only what had failed
      assertThat(reader.eventIds())
          .filteredOn(committed::contains)
          .hasSize(20)
          .doesNotHaveDuplicates();
    }
  }
}
