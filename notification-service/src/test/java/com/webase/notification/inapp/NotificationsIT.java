package com.webase.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.account.PasswordChanged;
import com.webase.events.apps.DeploymentCompleted;
import com.webase.events.token.TokenRegenerated;
import com.webase.notification.support.Api;
import com.webase.notification.support.Events;
import com.webase.notification.support.NotificationServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@NotificationServiceTest
class NotificationsIT {

  @LocalServerPort int port;

  @Test
  void securityEventsAndDeploymentResultsAreListedNewestFirstAndCanBeMarkedRead() {
    String account = "acc-" + UUID.randomUUID();
    Api api = new Api(port);
    Instant t = Instant.now().minusSeconds(60);
    Events.publish(
        new PasswordChanged(
            UUID.randomUUID(), t, account, "n-" + UUID.randomUUID() + "@example.com"));
    Events.publish(
        new TokenRegenerated(
            UUID.randomUUID(), t.plusSeconds(1), account, "o", "n", t.plusSeconds(1)));
    Events.publish(
        new DeploymentCompleted(
            UUID.randomUUID(),
            t.plusSeconds(2),
            "app-1",
            account,
            "dep-1",
            "live",
            "http://localhost:8080/sites/demo/"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.send("GET", "/api/v1/notifications", account, null).body().get("items").size()
                    == 3);
    JsonNode page = api.send("GET", "/api/v1/notifications", account, null).body();
    List<String> kinds = new ArrayList<>();
    page.get("items").forEach(i -> kinds.add(i.get("kind").asString()));
    assertThat(kinds).containsExactly("deployment-live", "token-regenerated", "password-changed");
    assertThat(page.get("unreadCount").asInt()).isEqualTo(3);
    assertThat(page.get("items").get(0).get("link").asString())
        .isEqualTo("http://localhost:8080/sites/demo/");

    String first = page.get("items").get(0).get("id").asString();
    assertThat(api.send("POST", "/api/v1/notifications/" + first + "/read", account, null).status())
        .isEqualTo(204);
    JsonNode after = api.send("GET", "/api/v1/notifications", account, null).body();
    assertThat(after.get("unreadCount").asInt()).isEqualTo(2);
    assertThat(after.get("items").get(0).get("read").asBoolean()).isTrue();

    // someone else's notification is not there for a stranger
    var stranger =
        api.send(
            "POST", "/api/v1/notifications/" + first + "/read", "acc-" + UUID.randomUUID(), null);
    assertThat(stranger.status()).isEqualTo(404);

    JsonNode firstPage = api.send("GET", "/api/v1/notifications?limit=2", account, null).body();
    assertThat(firstPage.get("items").size()).isEqualTo(2);
    String cursor = firstPage.get("nextCursor").asString();
    JsonNode secondPage =
        api.send("GET", "/api/v1/notifications?limit=2&cursor=" + cursor, account, null).body();
    assertThat(secondPage.get("items").size()).isEqualTo(1);
    assertThat(secondPage.get("items").get(0).get("kind").asString()).isEqualTo("password-changed");
    assertThat(secondPage.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void anApiTokenNeedsAccountReadToListAndAccountWriteToMarkRead() {
    String account = "acc-" + UUID.randomUUID();
    Api api = new Api(port);
    Events.publish(
        new PasswordChanged(
            UUID.randomUUID(), Instant.now(), account, "s-" + UUID.randomUUID() + "@example.com"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.send("GET", "/api/v1/notifications", account, null).body().get("items").size()
                    == 1);
    String id =
        api.send("GET", "/api/v1/notifications", account, null)
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asString();
    String markRead = "/api/v1/notifications/" + id + "/read";

    var appsOnly =
        api.send("GET", "/api/v1/notifications", account, null, List.of("apps:read", "deploy"));
    var readerMarks = api.send("POST", markRead, account, null, List.of("account:read"));

    for (var refused : List.of(appsOnly, readerMarks)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().get("type").asString()).endsWith("/problems/insufficient-scope");
    }
    var reader = api.send("GET", "/api/v1/notifications", account, null, List.of("account:read"));
    assertThat(reader.status()).isEqualTo(200);
    assertThat(reader.body().get("unreadCount").asInt()).isEqualTo(1);
    assertThat(api.send("POST", markRead, account, null, List.of("account:write")).status())
        .isEqualTo(204);
  }

  @Test
  void badPagingAndIdsGetProblems() {
    Api api = new Api(port);
    String account = "acc-" + UUID.randomUUID();

    for (String query : List.of("limit=0", "limit=101", "cursor=nope")) {
      var response = api.send("GET", "/api/v1/notifications?" + query, account, null);
      assertThat(response.status()).as(query).isEqualTo(400);
    }
    assertThat(api.send("POST", "/api/v1/notifications/not-a-uuid/read", account, null).status())
        .isEqualTo(400);
  }
}
