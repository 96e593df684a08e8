package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.account.ProfileUpdated;
import com.webase.testkit.RealServers;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotent consumption and dead-lettering against a real broker and database. */
@WebaseServiceTest(keycloak = true)
class InboxIT {

  private static KafkaProducer<String, byte[]> producer;

  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  private final EventCodec codec = new EventCodec();

  @Test
  void theSameEventDeliveredTwiceHasItsEffectOnce() {
    ProfileUpdated event = profileUpdated("Twice");
    double duplicatesBefore = duplicates();

    send(event, codec.data(event));
    send(event, codec.data(event));

    await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 1);
    assertThat(effectsOf(event)).isEqualTo(1);
  }

  @Test
  void aPreparedHandlerPreparesOutsideATransactionAndOnceForAnEventDeliveredTwice() {
    ProfileUpdated event = profileUpdated("Prepared");

    send(event, codec.data(event));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> preparedEffect(event, "preparations") != null);
    double duplicatesBefore = duplicatesOf("kit-test-prepared");
    send(event, codec.data(event));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> duplicatesOf("kit-test-prepared") == duplicatesBefore + 1);

    assertThat(preparedEffect(event, "prepared_in_transaction")).isEqualTo(false);
    assertThat(KitTestApplication.PreparedProjection.preparations.get(event.eventId().toString()))
        .as("the second delivery was skipped before preparing")
        .isEqualTo(1);
  }

  private double duplicatesOf(String consumer) {
    var counter = meters.find("webase.events.duplicates").tag("consumer", consumer).counter();
    return counter == null ? 0 : counter.count();
  }

  private Object preparedEffect(ProfileUpdated event, String column) {
    return jdbc
        .sql("select " + column + " from kit_prepared_effect where event_id = ?")
        .param(event.eventId().toString())
        .query()
        .singleColumn()
        .stream()
        .findFirst()
        .orElse(null);
  }

  @Test
  void aPoisonEventIsParkedOnTheDeadLetterTopicAndTheNextEventsAreStillProcessed() {
    try (var deadLetters = new TopicReader(Topics.deadLetterTopicOf(Topics.ACCOUNT))) {
      double deadLetteredBefore = deadLettered();
      ProfileUpdated malformed = profileUpdated("Malformed");
      ProfileUpdated failing = profileUpdated("fail");
      ProfileUpdated next = profileUpdated("Next");

      send(malformed, "{not json".getBytes(StandardCharsets.UTF_8));
      send(failing, codec.data(failing));
      send(next, codec.data(next));

      await().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(next) == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  deadLetters
                      .eventIds()
                      .containsAll(
                          java.util.List.of(
                              malformed.eventId().toString(), failing.eventId().toString())));
      assertThat(effectsOf(malformed)).isZero();
      assertThat(effectsOf(failing)).isZero();
      // what the dead-letter alert counts (deploy/observability/alerts)
      assertThat(deadLettered()).isGreaterThanOrEqualTo(deadLetteredBefore + 2);
    }
  }

  private double deadLettered() {
    var counter = meters.find("webase.events.dead.lettered").tag("topic", Topics.ACCOUNT).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anEventOfAnUnknownTypeIsSkippedAndCounted() {
    ProfileUpdated event = profileUpdated("From the future");
    double skippedBefore = skipped();

    send(event, codec.data(event), Map.of("ce_type", "com.webase.account.SomethingNew"));

    await().atMost(Duration.ofSeconds(30)).until(() -> skipped() == skippedBefore + 1);
    assertThat(effectsOf(event)).isZero();
  }

  private ProfileUpdated profileUpdated(String name) {
    return new ProfileUpdated(UUID.randomUUID(), Instant.now(), "user-inbox", name);
  }

  private void send(ProfileUpdated event, byte[] data) {
    send(event, data, Map.of());
  }

  private void send(ProfileUpdated event, byte[] data, Map<String, String> overrides) {
    var record = new ProducerRecord<String, byte[]>(Topics.ACCOUNT, event.subject(), data);
    codec
        .envelopeOf(event)
        .toHeaders()
        .forEach(
            (name, value) ->
                record
                    .headers()
                    .add(
                        name,
                        overrides.getOrDefault(name, value).getBytes(StandardCharsets.UTF_8)));
    try {
      producer().send(record).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private int effectsOf(ProfileUpdated event) {
    return jdbc.sql("select count(*) from kit_effect where event_id = ?")
        .param(event.eventId().toString())
        .query(Integer.class)
        .single();
  }

  private double duplicates() {
    return duplicatesOf("kit-test");
  }

  private double skipped() {
    var counter = meters.find("webase.events.skipped").tag("reason", "unknown-type").counter();
    return counter == null ? 0 : counter.count();
  }

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties config = new Properties();
      config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @AfterAll
  static void closeProducer() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
