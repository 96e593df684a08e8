package com.webase.platform.topics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka topics a service declares at start (decision 0032): the topic of the events it produces
 * and the dead-letter topic of each topic it consumes.
 *
 * <p>The kit's defaults ({@code webase-kit-defaults.properties}) suit one broker (the local stack,
 * compose, the tests); a cluster sets the replication factor and {@code min.insync.replicas} from
 * the environment (deploy/k8s: 3 and 2).
 *
 * @param declare whether the service declares its topics at all (true); false where an operator
 *     manages them (a Strimzi {@code KafkaTopic}, for example) with the same settings
 * @param produced the topics this service writes its events to; empty means those of the event
 *     catalog whose source is this service ({@code /webase/<spring.application.name>})
 * @param partitions partitions of each declared topic; raised on an existing topic that has fewer,
 *     never lowered (Kafka cannot)
 * @param replicationFactor copies of each partition; used when a topic is created
 * @param minInsyncReplicas copies that must have a record before an {@code acks=all} producer's
 *     send succeeds; at most the replication factor
 * @param retention how long an event topic keeps its records ({@code retention.ms})
 * @param deadLetterRetention how long a dead-letter topic keeps its records: long enough for an
 *     operator to look at and replay them
 */
@Validated
@ConfigurationProperties("webase.topics")
public record TopicsProperties(
    boolean declare,
    List<String> produced,
    @Min(1) int partitions,
    @Min(1) short replicationFactor,
    @Min(1) int minInsyncReplicas,
    @NotNull Duration retention,
    @NotNull Duration deadLetterRetention) {

  public TopicsProperties {
    produced = produced == null ? List.of() : List.copyOf(produced);
    if (minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "webase.topics.min-insync-replicas ("
              + minInsyncReplicas
              + ") must not exceed webase.topics.replication-factor ("
              + replicationFactor
              + "): no send with acks=all could succeed");
    }
  }
}
