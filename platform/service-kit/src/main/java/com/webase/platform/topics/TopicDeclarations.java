package com.webase.platform.topics;

import com.webase.events.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates, before any listener starts, the topics this service writes: the topic of the events it
 * produces and the dead-letter topic ({@code <topic>.DLT}) of every topic one of its listeners
 * reads. The broker's auto-creation is off outside the tests (deploy/compose), so a topic exists
 * because a service declared it, with the partitions, replication factor, {@code
 * min.insync.replicas} and retention of {@link TopicsProperties}.
 *
 * <p>An existing topic gets the declared configuration ({@code spring.kafka.admin.modify-topic-
 * configs}) and more partitions if it has fewer. If the broker cannot be reached, the service
 * starts anyway and says so: the outbox keeps what it cannot send, and the next start declares the
 * topics.
 */
public class TopicDeclarations implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicDeclarations.class);
  private static final long SEGMENT_MILLIS = java.time.Duration.ofDays(1).toMillis();

  private final KafkaAdmin admin;
  private final KafkaListenerEndpointRegistry listeners;
  private final TopicsProperties properties;
  private final List<String> produced;
  private volatile boolean running;

  public TopicDeclarations(
      KafkaAdmin admin,
      KafkaListenerEndpointRegistry listeners,
      TopicsProperties properties,
      List<String> produced) {
    this.admin = admin;
    this.listeners = listeners;
    this.properties = properties;
    this.produced = List.copyOf(produced);
  }

  /** The topics this service declares, the produced ones first. */
  public List<NewTopic> topics() {
    Map<String, NewTopic> topics = new LinkedHashMap<>();
    for (String topic : produced) {
      topics.put(topic, topic(topic, properties.retention().toMillis()));
    }
    for (String consumed : consumedTopics()) {
      String deadLetters = Topics.deadLetterTopicOf(consumed);
      topics.putIfAbsent(
          deadLetters, topic(deadLetters, properties.deadLetterRetention().toMillis()));
    }
    return List.copyOf(topics.values());
  }

  private List<String> consumedTopics() {
    if (listeners == null) {
      return List.of();
    }
    List<String> consumed = new ArrayList<>();
    listeners.getAllListenerContainers().stream()
        .map(container -> container.getContainerProperties().getTopics())
        .filter(Objects::nonNull)
        .flatMap(Arrays::stream)
        .filter(topic -> !topic.endsWith(Topics.DLT_SUFFIX))
        .distinct()
        .sorted()
        .forEach(consumed::add);
    return consumed;
  }

  private NewTopic topic(String name, long retentionMillis) {
    return new NewTopic(name, properties.partitions(), properties.replicationFactor())
        .configs(
            Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(properties.minInsyncReplicas()),
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retentionMillis),
                // Kafka deletes whole segments: a record lives up to retention + segment.ms, so
                // segments of at most a day keep that close to the retention the inbox outlives
                TopicConfig.SEGMENT_MS_CONFIG,
                Long.toString(Math.min(retentionMillis, SEGMENT_MILLIS))));
  }

  @Override
  public void start() {
    running = true;
    if (!properties.declare()) {
      return;
    }
    List<NewTopic> topics = topics();
    if (topics.isEmpty()) {
      return;
    }
    try {
      admin.createOrModifyTopics(topics.toArray(NewTopic[]::new));
      log.info("Kafka topics declared: {}", topics.stream().map(NewTopic::name).sorted().toList());
    } catch (RuntimeException e) {
      log.error(
          "Kafka topics {} could not be declared ({}); they are declared again at the next start",
          topics.stream().map(NewTopic::name).toList(),
          e.toString());
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers, which start at {@link KafkaListenerEndpointRegistry}'s. */
  @Override
  public int getPhase() {
    return KafkaListenerEndpointRegistry.DEFAULT_PHASE - 1;
  }
}
