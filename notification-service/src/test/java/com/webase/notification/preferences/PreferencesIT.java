package com.webase.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.PasswordChanged;
import com.webase.notification.support.Api;
import com.webase.notification.support.Events;
import com.webase.notification.support.Mailbox;
import com.webase.notification.support.NotificationServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@NotificationServiceTest
class PreferencesIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void withWelcomeMailSwitchedOffNoWelcomeMailGoesOutButSecurityMailStill() {
    String account = "acc-" + UUID.randomUUID();
    String address = "pref-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Api api = new Api(port);

    var saved =
        api.send("PUT", "/api/v1/notifications/preferences", account, "{\"welcomeEmail\": false}");
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body().get("welcomeEmail").asBoolean()).isFalse();
    assertThat(saved.body().get("securityEmail").asBoolean()).isTrue();
    var created = new AccountCreated(UUID.randomUUID(), Instant.now(), account, address, "Quiet");
    Events.publish(created);
    Events.publish(new PasswordChanged(UUID.randomUUID(), Instant.now(), account, address));

    // the later security mail arriving proves the welcome event was processed before it
    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(address).size() == 1);
    assertThat(Mailbox.read(Mailbox.to(address).getFirst()).subject())
        .isEqualTo("Your Webase password was changed");
    assertThat(
            jdbc.sql("select count(*) from email where event_id = ?")
                .param(created.eventId())
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anApiTokenNeedsAccountReadToReadAndAccountWriteToChangePreferences() {
    String account = "acc-" + UUID.randomUUID();
    Api api = new Api(port);
    String path = "/api/v1/notifications/preferences";
    String off = "{\"welcomeEmail\": false}";

    var appsOnly = api.send("GET", path, account, null, java.util.List.of("apps:read"));
    var readerWrites = api.send("PUT", path, account, off, java.util.List.of("account:read"));

    for (var refused : java.util.List.of(appsOnly, readerWrites)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().get("type").asString()).endsWith("/problems/insufficient-scope");
    }
    var reader = api.send("GET", path, account, null, java.util.List.of("account:read"));
    assertThat(reader.body().get("welcomeEmail").asBoolean()).as("unchanged").isTrue();
    assertThat(api.send("PUT", path, account, off, java.util.List.of("account:write")).status())
        .isEqualTo(200);
    assertThat(
            api.send("GET", path, account, null, java.util.List.of("account:read"))
                .body()
                .get("welcomeEmail")
                .asBoolean())
        .isFalse();
  }

  @Test
  void securityMailCannotBeSwitchedOff() {
    String account = "acc-" + UUID.randomUUID();
    Api api = new Api(port);

    var refused =
        api.send(
            "PUT",
            "/api/v1/notifications/preferences",
            account,
            "{\"welcomeEmail\": true, \"securityEmail\": false}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("type").asString()).endsWith("/security-email-required");
    assertThat(refused.body().get("errors").get(0).get("field").asString())
        .isEqualTo("securityEmail");
    var shown = api.send("GET", "/api/v1/notifications/preferences", account, null).body();
    assertThat(shown.get("securityEmail").asBoolean()).isTrue();
    assertThat(shown.get("welcomeEmail").asBoolean()).isTrue();
  }

  @Test
  void badPreferenceBodiesGetProblemsAndChangeNothing() {
    String account = "acc-" + UUID.randomUUID();
    Api api = new Api(port);

    for (String body :
        new String[] {
          "{", "{\"welcomeEmail\": \"no\"}", "{\"welcomeEmail\": 0}", "{\"marketing\": true}", "{}"
        }) {
      assertThat(api.send("PUT", "/api/v1/notifications/preferences", account, body).status())
          .as(body)
          .isEqualTo(400);
    }
    assertThat(
            api.send("GET", "/api/v1/notifications/preferences", account, null)
                .body()
                .get("welcomeEmail")
                .asBoolean())
        .isTrue();
  }
}
