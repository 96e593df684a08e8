package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.Topics;
import com.webase.testkit.RealServers;
import com.webase.testkit.spring.WebaseServiceTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures DESIGN §8's outbox number: how long after its transaction commits an event can be read
 * from Kafka. Not part of {@code verify} (Failsafe excludes {@code *Benchmark}); run it with
 *
 * <pre>
 * ./mvnw -B -pl platform/service-kit -am verify -Dit.test=OutboxLatencyBenchmark \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.events=2000
 * </pre>
 *
 * It commits events one after another at a steady rate, reads the topic with a plain consumer in
 * the same JVM (one clock), and prints the percentiles of commit → readable, after a warm-up of
 * {@code benchmark.warmup} events at the same rate. Per-event figures go to {@code
 * target/benchmarks/outbox-latency.csv}.
 */
@WebaseServiceTest(keycloak = false)
class OutboxLatencyBenchmark {

  @Autowired KitTestApplication.Renaming renaming;

  @Test
  void commitToReadableLatency() throws Exception {
    int events = Integer.getInteger("benchmark.events", 2000);
    int perSecond = Integer.getInteger("benchmark.rate", 100);
    Map<String, Long> committedAt = new java.util.concurrent.ConcurrentSkipListMap<>();
    List<String> order = new ArrayList<>();
    Map<String, Long> readAt = new ConcurrentHashMap<>();
    Map<String, Long> warmUpReadAt = new ConcurrentHashMap<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    String subject = "bench-" + UUID.randomUUID();

    Thread reader = Thread.ofPlatform().start(() -> read(subject, readAt, reading));
    // warm-up at the same rate, until the JIT has done its work and the backlog of a cold start
    // is gone: the first seconds of a fresh JVM measure class loading, not the outbox
    long interval = 1_000_000_000L / perSecond;
    String warmUpSubject = subject + "-warmup";
    Thread warmUpReader =
        Thread.ofPlatform().start(() -> read(warmUpSubject, warmUpReadAt, reading));
    List<String> warmUp = new ArrayList<>();
    long warmUpNext = System.nanoTime();
    for (int i = 0; i < Integer.getInteger("benchmark.warmup", 1000); i++) {
      while (System.nanoTime() < warmUpNext) {
        Thread.onSpinWait();
      }
      warmUpNext += interval;
      warmUp.add(renaming.rename(warmUpSubject, "warm-up " + i, false).eventId().toString());
    }
    long warmUpDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!warmUpReadAt.keySet().containsAll(warmUp) && System.nanoTime() < warmUpDeadline) {
      Thread.onSpinWait();
    }

    long next = System.nanoTime();
    for (int i = 0; i < events; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      next += interval;
      String id = renaming.rename(subject, "event " + i, false).eventId().toString();
      committedAt.put(id, System.nanoTime()); // rename() returns after the commit
      order.add(id);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!readAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    reading.set(false);
    reader.join();
    warmUpReader.join();

    assertThat(readAt.keySet()).containsAll(committedAt.keySet());
    List<Long> micros = new ArrayList<>();
    committedAt.forEach((id, committed) -> micros.add((readAt.get(id) - committed) / 1000));
    micros.sort(Long::compare);
    String report =
        String.format(
            "outbox commit -> readable on Kafka, %d events at %d/s: p50 %.1f ms, p95 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n",
            events,
            perSecond,
            percentile(micros, 50) / 1e3,
            percentile(micros, 95) / 1e3,
            percentile(micros, 99) / 1e3,
            micros.getLast() / 1e3);
    System.err.print(report);
    Path out = Path.of("target", "benchmarks", "outbox-latency.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    StringBuilder csv = new StringBuilder("event,latency_ms\n");
    for (int i = 0; i < order.size(); i++) {
      String id = order.get(i);
      csv.append(i).append(',').append((readAt.get(id) - committedAt.get(id)) / 1e6).append('\n');
    }
    Files.writeString(out.resolveSibling("outbox-latency.csv"), csv);
  }

  private static void read(String subject, Map<String, Long> readAt, AtomicBoolean reading) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    config.put("group.id", "benchmark-" + UUID.randomUUID());
    config.put("auto.offset.reset", "latest");
    config.put("fetch.max.wait.ms", "5");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.ACCOUNT));
      while (reading.get()) {
        for (var record : consumer.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          if (subject.equals(record.key())) {
            var id = record.headers().lastHeader("ce_id");
            readAt.putIfAbsent(new String(id.value(), StandardCharsets.UTF_8), now);
          }
        }
      }
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
