package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.Topics;
import com.webase.platform.topics.TopicDeclarations;
import com.webase.platform.topics.TopicsProperties;
import com.webase.testkit.RealServers;
import com.webase.testkit.spring.WebaseServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A service declares its topics on the real broker, with the kit's settings: the topic it produces
 * and the dead-letter topic of the one it consumes. The settings are set on the topic itself
 * ({@code DYNAMIC_TOPIC_CONFIG}), which the broker's creation of a topic on first use never does.
 */
@WebaseServiceTest(keycloak = true)
class TopicsIT {

  private static final String DEAD_LETTERS = Topics.deadLetterTopicOf(Topics.ACCOUNT);
  private static final long SEVEN_DAYS = Duration.ofDays(7).toMillis();
  private static final long TWENTY_EIGHT_DAYS = Duration.ofDays(28).toMillis();

  private static Admin admin;

  @Autowired TopicDeclarations declarations;
  @Autowired KafkaAdmin kafkaAdmin;

  @BeforeAll
  static void connect() {
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealServers.kafka().bootstrapServers()));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void theServiceDeclaresTheTopicItProducesAndTheDeadLetterTopicOfTheOneItConsumes() {
    assertThat(declarations.topics())
        .extracting(NewTopic::name)
        .containsExactly(Topics.ACCOUNT, DEAD_LETTERS);
  }

  @Test
  void theServicesTopicsExistWithTheKitsPartitionsReplicationAndRetention() throws Exception {
    Map<String, TopicDescription> topics =
        admin.describeTopics(List.of(Topics.ACCOUNT, DEAD_LETTERS)).allTopicNames().get();
    for (TopicDescription topic : topics.values()) {
      assertThat(topic.partitions()).as(topic.name()).hasSize(3);
      assertThat(topic.partitions().getFirst().replicas()).as(topic.name()).hasSize(1);
    }
    Config events = config(Topics.ACCOUNT);
    Config deadLetters = config(DEAD_LETTERS);
    assertThat(events.get("retention.ms").value()).isEqualTo(Long.toString(SEVEN_DAYS));
    assertThat(events.get("min.insync.replicas").value()).isEqualTo("1");
    assertThat(deadLetters.get("min.insync.replicas").value()).isEqualTo("1");
    // the broker's default is 7 days: 28 is the declaration's
    assertDeclared(deadLetters.get("retention.ms"), Long.toString(TWENTY_EIGHT_DAYS));
  }

  @Test
  void aTopicThatDoesNotExistIsCreatedWithTheDeclaredSettings() throws Exception {
    String name = "kit-test.declared-" + UUID.randomUUID();
    assertThat(admin.listTopics().names().get()).doesNotContain(name);

    new TopicDeclarations(kafkaAdmin, null, settings(2, Duration.ofDays(5)), List.of(name)).start();

    TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
    assertThat(topic.partitions()).hasSize(2);
    Config config = config(name);
    assertDeclared(config.get("retention.ms"), Long.toString(Duration.ofDays(5).toMillis()));
    assertDeclared(config.get("min.insync.replicas"), "1");
    admin.deleteTopics(List.of(name)).all().get();
  }

  @Test
  void anExistingTopicIsGivenTheDeclaredPartitionsAndRetention() throws Exception {
    String name = "kit-test.existing-" + UUID.randomUUID();
    admin
        .createTopics(
            List.of(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms", "3600000"))))
        .all()
        .get();

    new TopicDeclarations(kafkaAdmin, null, settings(2, Duration.ofDays(7)), List.of(name)).start();

    TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
    assertThat(topic.partitions()).hasSize(2);
    assertDeclared(config(name).get("retention.ms"), Long.toString(SEVEN_DAYS));
    admin.deleteTopics(List.of(name)).all().get();
  }

  private static TopicsProperties settings(int partitions, Duration retention) {
    return new TopicsProperties(
        true, List.of(), partitions, (short) 1, 1, retention, Duration.ofDays(28));
  }

  private static Config config(String topic) throws Exception {
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }

  private static void assertDeclared(ConfigEntry entry, String value) {
    assertThat(entry.value()).as(entry.name()).isEqualTo(value);
    assertThat(entry.source())
        .as(entry.name() + " is set on the topic, not inherited from the broker")
        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
  }
}
