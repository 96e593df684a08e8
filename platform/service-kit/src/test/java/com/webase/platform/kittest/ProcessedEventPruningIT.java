package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.account.ProfileUpdated;
import com.webase.platform.events.ProcessedEventPruning;
import com.webase.testkit.RealServers;
import com.webase.testkit.spring.WebaseServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbox forgets event ids after {@code webase.inbox.keep-for} (14 days), and only then. */
@WebaseServiceTest(keycloak = true)
class ProcessedEventPruningIT {

  @Autowired ProcessedEventPruning pruning;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  private final EventCodec codec = new EventCodec();

  @Test
  void rowsOlderThanTheWindowGoAndRecentOnesStay() {
    String old = remember(Instant.now().minus(15, ChronoUnit.DAYS));
    String almostOld = remember(Instant.now().minus(13, ChronoUnit.DAYS));
    String recent = remember(Instant.now());
    double prunedBefore = pruned();

    int deleted = pruning.prune();

    assertThat(remembered(old)).isFalse();
    assertThat(remembered(almostOld)).isTrue();
    assertThat(remembered(recent)).isTrue();
    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(pruned()).isEqualTo(prunedBefore + deleted);
  }

  @Test
  void manyOldRowsGoInBatches() {
    Instant longAgo = Instant.now().minus(30, ChronoUnit.DAYS);
    // more than one batch of the test's configuration (webase.inbox.prune-batch-size)
    for (int i = 0; i < 25; i++) {
      remember(longAgo);
    }

    pruning.prune();

    assertThat(
            jdbc.sql("select count(*) from processed_event where processed_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(14))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void anEventDeliveredAgainAfterPruningIsStillRecognised() throws Exception {
    ProfileUpdated event =
        new ProfileUpdated(UUID.randomUUID(), Instant.now(), "user-pruning", "Pruned");
    send(event);
    await().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(event) == 1);
    double duplicatesBefore = duplicates();

    pruning.prune();
    send(event);

    await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 1);
    assertThat(effectsOf(event)).isEqualTo(1);
  }

  private String remember(Instant processedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            insert into processed_event (consumer, event_id, event_type, processed_at)
            values ('kit-test-pruning', ?, 'com.webase.account.ProfileUpdated', ?)
            """)
        .params(id, processedAt.atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  private boolean remembered(String eventId) {
    return jdbc.sql("select count(*) from processed_event where event_id = ?")
            .param(eventId)
            .query(Long.class)
            .single()
        > 0;
  }

  private double pruned() {
    var counter = meters.find("webase.inbox.pruned").counter();
    return counter == null ? 0 : counter.count();
  }

  private double duplicates() {
    var counter = meters.find("webase.events.duplicates").tag("consumer", "kit-test").counter();
    return counter == null ? 0 : counter.count();
  }

  private int effectsOf(ProfileUpdated event) {
    return jdbc.sql("select count(*) from kit_effect where event_id = ?")
        .param(event.eventId().toString())
        .query(Integer.class)
        .single();
  }

  private void send(ProfileUpdated event) throws Exception {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var record =
          new ProducerRecord<String, byte[]>(Topics.ACCOUNT, event.subject(), codec.data(event));
      codec
          .envelopeOf(event)
          .toHeaders()
          .forEach(
              (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get();
    }
  }
}
