package com.webase.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.events.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsPropertiesTest {

  @Test
  void moreInSyncReplicasThanCopiesIsRefused() {
    assertThatThrownBy(
            () ->
                new TopicsProperties(
                    true, List.of(), 3, (short) 1, 2, Duration.ofDays(7), Duration.ofDays(28)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webase.topics.min-insync-replicas (2)")
        .hasMessageContaining("webase.topics.replication-factor (1)");
  }

  @Test
  void aServiceProducesTheTopicsOfTheEventsItIsTheSourceOf() {
    assertThat(TopicsAutoConfiguration.producedBy("/webase/token-service"))
        .containsExactly(Topics.TOKEN);
    assertThat(TopicsAutoConfiguration.producedBy("/webase/account-service"))
        .containsExactly(Topics.ACCOUNT);
    assertThat(TopicsAutoConfiguration.producedBy("/webase/notification-service")).isEmpty();
  }
}
