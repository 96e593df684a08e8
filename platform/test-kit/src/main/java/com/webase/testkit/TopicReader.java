package com.webase.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the test Kafka broker from its beginning with a consumer group of its own, as an
 * outside observer. It may be opened before the topic exists.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  public TopicReader(String topic) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    config.put("group.id", "observer-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Everything read so far, after polling once more. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
    return seen;
  }

  /** The ce_id of every record read so far. */
  public List<String> eventIds() {
    return poll().stream().map(r -> header(r, "ce_id")).toList();
  }

  /** Header {@code name} of the record read so far whose {@code ce_id} is {@code eventId}. */
  public String header(String eventId, String name) {
    return poll().stream()
        .filter(r -> eventId.equals(header(r, "ce_id")))
        .map(r -> header(r, name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record of event " + eventId + " read"));
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
