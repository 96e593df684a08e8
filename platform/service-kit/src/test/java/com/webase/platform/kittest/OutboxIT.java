package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.account.ProfileUpdated;
import com.webase.testkit.KafkaServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The outbox against real PostgreSQL and a real Kafka broker. */
@WebaseServiceTest(keycloak = true)
class OutboxIT {

  @Autowired KitTestApplication.Renaming renaming;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @Autowired Tracer tracer;

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
  void theRecordContinuesTheTraceOfTheSpanThatPublishedIt() {
    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      Span request = tracer.nextSpan().name("a request").start();
      ProfileUpdated event;
      try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
        event = renaming.rename("user-traced", "Grace", false);
      } finally {
        request.end();
      }

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      String traceparent = reader.header(event.eventId().toString(), "traceparent");
      // version-traceId-spanId-flags: the request's trace, sent from a span below the request's
      // (the relay's send, continuing what the outbox row kept), on a lane thread with no span
      assertThat(traceparent).startsWith("00-" + request.context().traceId() + "-");
      assertThat(traceparent.split("-")[2]).isNotEqualTo(request.context().spanId());
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

  @Test
  void anEventLeftUnacknowledgedByAProcessThatDiedIsSentByTheSweeper() {
    // as a process leaves it when it dies between commit and acknowledgement: its claim has run out
    var event = new ProfileUpdated(UUID.randomUUID(), Instant.now(), "user-crashed", "Orphan");
    EventCodec codec = new EventCodec();
    jdbc.sql(
            """
            insert into outbox_event (id, topic, event_key, headers, payload, created_at,
                                      claimed_until)
            values (?, ?, ?, ?, ?, now() - interval '1 minute', now() - interval '1 second')
            """)
        .params(
            event.eventId(),
            Topics.ACCOUNT,
            event.subject(),
            JsonMapper.builder().build().writeValueAsString(codec.envelopeOf(event).toHeaders()),
            codec.data(event))
        .update();

    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(event.eventId()) == 0);
    }
  }

  @Test
  void anEventSpringModulithsOutboxHadNotDeliveredIsMovedAndSentAtStart() throws Exception {
    var event = new ProfileUpdated(UUID.randomUUID(), Instant.now(), "user-upgraded", "Legacy");
    jdbc.sql(
            """
            insert into event_publication (id, listener_id, event_type, serialized_event,
                                           publication_date, status, completion_attempts)
            values (?, 'legacy-listener', ?, ?, now(), 'FAILED', 1)
            """)
        .params(
            UUID.randomUUID(),
            ProfileUpdated.class.getName(),
            JsonMapper.builder().build().writeValueAsString(event))
        .update();

    try (var reader = new TopicReader(Topics.ACCOUNT)) {
      // what runs once when a service has started
      context.publishEvent(
          new ApplicationReadyEvent(
              new SpringApplication(),
              new String[0],
              (ConfigurableApplicationContext) context,
              Duration.ZERO));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      assertThat(
              jdbc.sql("select count(*) from event_publication where serialized_event like ?")
                  .param("%" + event.eventId() + "%")
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  @Test
  void anEventKafkaRefusesForGoodIsParkedNotSentAgainAndForever() {
    // over the producer's max.request.size (1 MB): no retry can ever send it
    ProfileUpdated huge = renaming.rename("user-huge", "x".repeat(1_100_000), false);
    ProfileUpdated after = renaming.rename("user-huge", "After", false);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql(
                        "select parked_reason from outbox_event where id = ? and parked_at is not null")
                    .param(huge.eventId())
                    .query(String.class)
                    .optional()
                    .map(reason -> reason.contains("RecordTooLarge"))
                    .orElse(false));
    await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(after.eventId()) == 0);
    long attempts =
        jdbc.sql("select attempts from outbox_event where id = ?")
            .param(huge.eventId())
            .query(Long.class)
            .single();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                jdbc.sql("select attempts from outbox_event where id = ?")
                        .param(huge.eventId())
                        .query(Long.class)
                        .single()
                    == attempts);
  }

  private long outboxRows(UUID id) {
    return jdbc.sql("select count(*) from outbox_event where id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }
}
