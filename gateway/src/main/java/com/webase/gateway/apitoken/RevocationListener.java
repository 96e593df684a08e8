package com.webase.gateway.apitoken;

import com.webase.events.DecodedEvent;
import com.webase.events.EventCodec;
import com.webase.events.MalformedEventException;
import com.webase.events.Topics;
import com.webase.events.token.TokenRegenerated;
import com.webase.events.token.TokenRevoked;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.ContainerProperties.AssignmentCommitOption;
import org.springframework.stereotype.Component;

/**
 * Evicts revoked tokens as token-service announces them. Every gateway instance consumes with a
 * consumer group of its own, so each one receives every revocation (broadcast), and starts at the
 * end of the topic: a new instance has an empty cache and nothing older to forget.
 *
 * <p>As a health indicator it keeps the instance out of readiness until its partitions are
 * assigned: before that, it would miss revocations.
 */
@Component("revocations")
public class RevocationListener implements ConsumerSeekAware, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

  private final TokenCache cache;
  private final EventCodec codec = new EventCodec();
  private final String groupId;
  private final AtomicBoolean assigned = new AtomicBoolean();

  RevocationListener(TokenCache cache, ApiTokenProperties properties) {
    this.cache = cache;
    this.groupId = properties.revocationGroupPrefix() + "-" + UUID.randomUUID();
  }

  public String groupId() {
    return groupId;
  }

  @KafkaListener(
      id = "gateway-revocations",
      topics = Topics.TOKEN,
      groupId = "#{__listener.groupId()}",
      containerPostProcessor = "revocationsNeverCommit",
      properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
  void on(ConsumerRecord<String, byte[]> record) {
    if (log.isDebugEnabled()) {
      log.debug(
          "token event at offset {}, {} ms after it was sent",
          record.offset(),
          System.currentTimeMillis() - record.timestamp());
    }
    DecodedEvent decoded;
    try {
      decoded = codec.decode(name -> header(record, name), record.value());
    } catch (MalformedEventException e) {
      log.warn("Skipped a malformed token event at offset {}: {}", record.offset(), e.getMessage());
      return;
    }
    if (decoded instanceof DecodedEvent.Known known) {
      switch (known.event()) {
        case TokenRevoked revoked ->
            cache.evict(revoked.tokenId(), "event", revoked.occurredAt(), revoked.effectiveAt());
        case TokenRegenerated regenerated ->
            cache.evict(
                regenerated.oldTokenId(),
                "event",
                regenerated.occurredAt(),
                regenerated.oldTokenValidUntil());
        default -> {}
      }
    }
  }

  /**
   * The instance's group is new at every start and read from the end of the topic, so an offset
   * committed for it would never be read: the container commits nothing (no broker round trip after
   * each revocation), and a stopped instance leaves no offsets behind (decision 0006).
   */
  @Bean
  static ContainerPostProcessor<String, byte[], AbstractMessageListenerContainer<String, byte[]>>
      revocationsNeverCommit() {
    return container -> {
      // nothing acknowledges, so nothing is committed after records; nor on assignment
      container.getContainerProperties().setAckMode(AckMode.MANUAL);
      container.getContainerProperties().setAssignmentCommitOption(AssignmentCommitOption.NEVER);
    };
  }

  @Override
  public void onPartitionsAssigned(
      Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    assigned.set(true);
    log.info("Listening for token revocations as {} on {}", groupId, assignments.keySet());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    assigned.set(false);
  }

  @Override
  public Health health() {
    return assigned.get()
        ? Health.up().withDetail("group", groupId).build()
        : Health.outOfService().withDetail("reason", "revocation topic not assigned yet").build();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
