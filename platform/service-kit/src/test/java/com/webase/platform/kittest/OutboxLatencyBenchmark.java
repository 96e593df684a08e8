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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures DESIGN §8's outbox number: how long after its transaction commits an event can be read
 * from Kafka, at a steady rate per instance, with the events of each key in order. Not part of
 * {@code verify} (Failsafe excludes {@code *Benchmark}); run it with
 *
 * <pre>
 * ./mvnw -B -pl platform/service-kit -am install -DskipTests
 * ./mvnw -B -pl platform/service-kit verify -Dit.test=OutboxLatencyBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.rate=1000 -Dbenchmark.events=30000
 * </pre>
 *
 * {@code benchmark.threads} committing threads (4) share {@code benchmark.keys} keys (100, as many
 * accounts or apps), each key owned by one thread so that its events are committed in a known
 * order; together they commit {@code benchmark.rate} events a second, each in its own transaction
 * through the real outbox (PostgreSQL → Kafka, with the kit test application's own listener
 * consuming the topic too, a transaction per event). A plain consumer in the same JVM (one clock)
 * records when each event becomes readable and in which order each key's events arrive. {@code
 * benchmark.warmup} events (5,000) at the same rate come first. The run fails if a key's events
 * arrive out of order. Per-event figures go to {@code target/benchmarks/outbox-latency.csv}.
 */
@WebaseServiceTest(keycloak = false)
@org.springframework.test.context.TestPropertySource(
    properties = "kit-test.prepared-projection=false")
class OutboxLatencyBenchmark {

  @Autowired KitTestApplication.Renaming renaming;

  private record Committed(String key, String id, long atNanos, long lagNanos) {}

  @Test
  void commitToReadableLatency() throws Exception {
    int events = Integer.getInteger("benchmark.events", 10_000);
    int perSecond = Integer.getInteger("benchmark.rate", 500);
    int threads = Integer.getInteger("benchmark.threads", 4);
    int keys = Integer.getInteger("benchmark.keys", 100);
    int warmUp = Integer.getInteger("benchmark.warmup", 5_000);
    String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    Map<String, Long> readAt = new ConcurrentHashMap<>();
    Map<String, List<String>> arrivals = new ConcurrentHashMap<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = Thread.ofPlatform().start(() -> read(run, readAt, arrivals, reading));

    commit(run + "warmup-", warmUp, perSecond, threads, keys);
    List<Committed> committed = commit(run + "measured-", events, perSecond, threads, keys);

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!committed.stream().allMatch(c -> readAt.containsKey(c.id()))
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    reading.set(false);
    reader.join();

    assertThat(committed).allMatch(c -> readAt.containsKey(c.id()), "every event arrived");
    Map<String, List<String>> committedOrder = new java.util.HashMap<>();
    committed.forEach(
        c -> committedOrder.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.id()));
    committedOrder.forEach(
        (key, ids) ->
            assertThat(arrivals.get(key).stream().filter(ids::contains).distinct().toList())
                .as("events of %s in commit order", key)
                .containsExactlyElementsOf(ids));

    List<Long> micros =
        new ArrayList<>(
            committed.stream().map(c -> (readAt.get(c.id()) - c.atNanos()) / 1000).toList());
    Collections.sort(micros);
    long behind = committed.stream().mapToLong(Committed::lagNanos).max().orElse(0);
    long firstCommit = committed.stream().mapToLong(Committed::atNanos).min().orElse(0);
    long lastCommit = committed.stream().mapToLong(Committed::atNanos).max().orElse(1);
    double achieved = (events - 1) / ((lastCommit - firstCommit) / 1e9);
    String report =
        String.format(
            "outbox commit -> readable on Kafka, %d events at %d/s (achieved %.0f/s) over %d keys"
                + " (%d committing threads, generator at most %.1f ms behind schedule): p50 %.1f ms,"
                + " p95 %.1f ms, p99 %.1f ms, max %.1f ms; every key in order%n",
            events,
            perSecond,
            achieved,
            keys,
            threads,
            behind / 1e6,
            percentile(micros, 50) / 1e3,
            percentile(micros, 95) / 1e3,
            percentile(micros, 99) / 1e3,
            micros.getLast() / 1e3);
    System.err.print(report);
    Path out = Path.of("target", "benchmarks", "outbox-latency-" + perSecond + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    StringBuilder csv = new StringBuilder("committed_at_ms,key,latency_ms\n");
    long start = committed.stream().mapToLong(Committed::atNanos).min().orElse(0);
    committed.stream()
        .sorted(java.util.Comparator.comparingLong(Committed::atNanos))
        .forEach(
            c ->
                csv.append((c.atNanos() - start) / 1e6)
                    .append(',')
                    .append(c.key())
                    .append(',')
                    .append((readAt.get(c.id()) - c.atNanos()) / 1e6)
                    .append('\n'));
    Files.writeString(out.resolveSibling("outbox-latency-" + perSecond + ".csv"), csv);
  }

  /**
   * Commits {@code count} events at {@code perSecond}, spread over {@code threads} threads and
   * {@code keys} keys (key k belongs to thread k % threads), each on its own schedule.
   */
  private List<Committed> commit(String prefix, int count, int perSecond, int threads, int keys)
      throws InterruptedException {
    List<Committed> committed = new CopyOnWriteArrayList<>();
    long interval = 1_000_000_000L * threads / perSecond;
    long start = System.nanoTime() + 50_000_000L;
    List<Thread> workers =
        IntStream.range(0, threads)
            .mapToObj(
                t ->
                    Thread.ofPlatform()
                        .start(
                            () -> {
                              List<String> own =
                                  IntStream.range(0, keys)
                                      .filter(k -> k % threads == t)
                                      .mapToObj(k -> prefix + k)
                                      .toList();
                              long next = start + interval * t / threads;
                              for (int i = 0; t + i * threads < count; i++) {
                                waitUntil(next);
                                String key = own.get(i % own.size());
                                String id =
                                    renaming.rename(key, "event " + i, false).eventId().toString();
                                long now = System.nanoTime(); // rename() returns after the commit
                                committed.add(new Committed(key, id, now, now - next));
                                next += interval;
                              }
                            }))
            .toList();
    for (Thread worker : workers) {
      worker.join();
    }
    return committed;
  }

  /**
   * Sleeps until {@code deadline}, spinning only for its last 100 µs: four spinning threads would
   * take both cores from the outbox being measured.
   */
  private static void waitUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 100_000) {
      java.util.concurrent.locks.LockSupport.parkNanos(left - 100_000);
    }
    while (System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private static void read(
      String prefix,
      Map<String, Long> readAt,
      Map<String, List<String>> arrivals,
      AtomicBoolean reading) {
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
          if (record.key() != null && record.key().startsWith(prefix)) {
            String id =
                new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            readAt.putIfAbsent(id, now);
            arrivals.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(id);
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
