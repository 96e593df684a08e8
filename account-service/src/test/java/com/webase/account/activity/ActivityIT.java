package com.webase.account.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.account.support.AccountEvents;
import com.webase.account.support.AccountServiceTest;
import com.webase.account.support.Api;
import com.webase.account.support.People;
import com.webase.account.support.People.Person;
import com.webase.events.EventCodec;
import com.webase.events.token.TokenRegenerated;
import com.webase.testkit.RealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AccountServiceTest
class ActivityIT {

  @LocalServerPort int port;

  @Test
  void securityActivityIsListedNewestFirstInPages() {
    Person person = People.newPerson();
    Api api = new Api(port);
    api.send("GET", "/api/v1/account", person.accessToken(), null);
    api.send(
        "PATCH",
        "/api/v1/account",
        person.accessToken(),
        Api.json(Map.of("name", "Renamed Person")));
    api.send(
        "PATCH",
        "/api/v1/account",
        person.accessToken(),
        Api.json(
            Map.of(
                "email", "act-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")));
    api.send("DELETE", "/api/v1/account/email/pending", person.accessToken(), null);

    List<String> kinds = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          api.send(
              "GET",
              "/api/v1/account/activity?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              person.accessToken(),
              null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
      page.body().get("items").forEach(item -> kinds.add(item.get("kind").asString()));
      JsonNode next = page.body().get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asString();
      pages++;
    } while (cursor != null);

    assertThat(kinds)
        .containsExactly(
            "email-change-cancelled",
            "email-change-requested",
            "profile-updated",
            "account-created");
    assertThat(pages).isEqualTo(2);
    // nobody sees another person's activity
    Person stranger = People.newPerson();
    assertThat(
            api.send("GET", "/api/v1/account/activity", stranger.accessToken(), null)
                .body()
                .get("items")
                .toString())
        .doesNotContain("email-change-cancelled");
  }

  @Test
  void aTokenRegenerationLearnedFromTokenServiceIsListedOnceEvenIfDeliveredTwice()
      throws Exception {
    Person person = People.newPerson();
    Api api = new Api(port);
    var regenerated =
        new TokenRegenerated(
            UUID.randomUUID(), Instant.now(), person.id(), "old-token", "new-token", Instant.now());

    try (var producer = producer()) {
      for (int delivery = 0; delivery < 2; delivery++) {
        var record =
            new ProducerRecord<String, byte[]>(
                AccountEvents.TOKEN_TOPIC, person.id(), new EventCodec().data(regenerated));
        AccountEvents.headersOf(regenerated)
            .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
      }
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> countOf(api, person, "token-regenerated") == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> countOf(api, person, "token-regenerated") == 1);
  }

  private static long countOf(Api api, Person person, String kind) {
    var items =
        api.send("GET", "/api/v1/account/activity", person.accessToken(), null).body().get("items");
    long count = 0;
    for (JsonNode item : items) {
      if (kind.equals(item.get("kind").asString())) {
        count++;
      }
    }
    return count;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
