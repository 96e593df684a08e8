package com.webase.token.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.testkit.RealServers;
import com.webase.token.named.NamedTokens;
import com.webase.token.support.TokenServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** token-service follows account-service's events from the real broker. */
@TokenServiceTest
class AccountLifecycleIT {

  private final EventCodec codec = new EventCodec();

  @Autowired JdbcClient jdbc;
  @Autowired NamedTokens namedTokens;

  @Test
  void aNewAccountGetsItsDefaultTokenOnceEvenIfTheEventComesTwice() {
    String userId = "user-" + UUID.randomUUID();
    AccountCreated created =
        new AccountCreated(UUID.randomUUID(), Instant.now(), userId, "new@webase.local", "New");

    publish(created);
    publish(created);

    await().atMost(Duration.ofSeconds(30)).until(() -> tokensOf(userId) == 1);
    assertThat(tokensOf(userId)).isEqualTo(1);
  }

  @Test
  void aDeletedAccountLosesEveryToken() {
    String userId = "user-" + UUID.randomUUID();
    publish(
        new AccountCreated(UUID.randomUUID(), Instant.now(), userId, "gone@webase.local", "Gone"));
    await().atMost(Duration.ofSeconds(30)).until(() -> tokensOf(userId) == 1);
    namedTokens.create(userId, "ci", List.of("apps:read"), null);

    publish(new AccountDeleted(UUID.randomUUID(), Instant.now(), userId, "gone@webase.local"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from api_token where user_id = ? and (revoked_at is null or revoked_at > now())")
                        .param(userId)
                        .query(Integer.class)
                        .single()
                    == 0);
    assertThat(tokensOf(userId)).isEqualTo(2);
  }

  private int tokensOf(String userId) {
    return jdbc.sql("select count(*) from api_token where user_id = ?")
        .param(userId)
        .query(Integer.class)
        .single();
  }

  private void publish(WebaseEvent event) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var record =
          new ProducerRecord<String, byte[]>(Topics.ACCOUNT, event.subject(), codec.data(event));
      codec
          .envelopeOf(event)
          .toHeaders()
          .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
