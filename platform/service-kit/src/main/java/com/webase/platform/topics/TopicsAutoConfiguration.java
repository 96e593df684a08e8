package com.webase.platform.topics;

import com.webase.events.EventCatalog;
import com.webase.events.EventDescriptor;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/** The Kafka topics a service declares ({@link TopicDeclarations}, decision 0032). */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsAutoConfiguration {

  @Bean
  TopicDeclarations topicDeclarations(
      KafkaAdmin admin,
      ObjectProvider<KafkaListenerEndpointRegistry> listeners,
      TopicsProperties properties,
      Environment environment) {
    List<String> produced =
        properties.produced().isEmpty()
            ? producedBy("/webase/" + environment.getProperty("spring.application.name", ""))
            : properties.produced();
    return new TopicDeclarations(admin, listeners.getIfAvailable(), properties, produced);
  }

  /** The topics of the catalog's events whose CloudEvents source is {@code source}. */
  static List<String> producedBy(String source) {
    return EventCatalog.platform().all().stream()
        .filter(event -> event.source().equals(source))
        .map(EventDescriptor::topic)
        .distinct()
        .toList();
  }
}
