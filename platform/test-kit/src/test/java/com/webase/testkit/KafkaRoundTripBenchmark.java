package com.webase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How long the test kit's Kafka broker takes for one small record, with plain clients configured as
 * the services' are (acks=all, idempotent, linger 0): the produce acknowledgement, and the time
 * until a subscribed consumer has it. One record every 20 ms, 300 of them after 50 unrecorded. Run
 * by name (docs/BENCHMARKS.md).
 */
class KafkaRoundTripBenchmark {

  @Test
  void oneRecordAtATime() throws Exception {
    String bootstrap = RealServers.kafka().bootstrapServers();
    Properties producerConfig = new Properties();
    producerConfig.put("bootstrap.servers", bootstrap);
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("linger.ms", "0");
    Properties consumerConfig = new Properties();
    consumerConfig.put("bootstrap.servers", bootstrap);
    consumerConfig.put("group.id", "round-trip-" + UUID.randomUUID());
    consumerConfig.put("auto.offset.reset", "latest");
    String topic = "round-trip-" + UUID.randomUUID();
    try (var producer =
            new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        var consumer =
            new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "create")).get();
      consumer.subscribe(List.of(topic));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.assignment().forEach(consumer::position); // "latest" resolved before sending
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      List<Long> acks = new ArrayList<>();
      List<Long> roundTrips = new ArrayList<>();
      for (int i = 0; i < 350; i++) {
        String value = "v" + i;
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", value)).get();
        long acked = System.nanoTime();
        boolean received = false;
        while (!received) {
          assertThat(System.nanoTime()).as("records arrive").isLessThan(deadline);
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(5))) {
            received |= record.value().equals(value);
          }
        }
        if (i >= 50) {
          acks.add((acked - sent) / 1000);
          roundTrips.add((System.nanoTime() - sent) / 1000);
        }
        Thread.sleep(20);
      }
      System.out.printf(
          "[bench] Kafka, 300 records: produce ack p50 %.1f ms p99 %.1f ms; produce → consumed"
              + " p50 %.1f ms p99 %.1f ms max %.1f ms%n",
          percentile(acks, 0.5),
          percentile(acks, 0.99),
          percentile(roundTrips, 0.5),
          percentile(roundTrips, 0.99),
          percentile(roundTrips, 1.0));
      assertThat(roundTrips).hasSize(300);
    }
  }

  private static double percentile(List<Long> micros, double p) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1) / 1000.0;
  }
}
