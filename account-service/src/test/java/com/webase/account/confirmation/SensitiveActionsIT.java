package com.webase.account.confirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.account.support.AccountEvents;
import com.webase.account.support.AccountServiceTest;
import com.webase.account.support.Api;
import com.webase.account.support.People;
import com.webase.account.support.People.Person;
import com.webase.testkit.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@AccountServiceTest
class SensitiveActionsIT {

  @LocalServerPort int port;
  @Autowired MovableClock clock;

  @Test
  void anApiTokenCanNeitherChangeEmailNorPasswordNorDeleteTheAccount() {
    Person person = People.newPerson();
    Api api = new Api(port);
    String program = People.program(person.id());
    String body = Api.json(Map.of("currentPassword", person.password()));

    var responses =
        List.of(
            api.send(
                "PATCH", "/api/v1/account", program, Api.json(Map.of("email", "x@example.com"))),
            api.send(
                "POST",
                "/api/v1/account/password",
                program,
                Api.json(
                    Map.of(
                        "currentPassword", person.password(),
                        "newPassword", "violet tractor mango seventeen",
                        "confirmPassword", "violet tractor mango seventeen"))),
            api.send("DELETE", "/api/v1/account", program, body),
            api.send("POST", "/api/v1/account/email/resend", program, null),
            api.send("DELETE", "/api/v1/account/email/pending", program, null));

    for (var response : responses) {
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.problem()).isEqualTo("interactive-login-required");
    }
    assertThat(People.keycloak().user(person.id())).isNotNull();
    assertThat(People.keycloakAccepts(person.email(), person.password())).isTrue();
    // what an API token may do: read and rename
    assertThat(api.send("GET", "/api/v1/account", program, null).status()).isEqualTo(200);
  }

  @Test
  void aLoginOlderThanFifteenMinutesNeedsTheCurrentPassword() {
    Person person = People.newPerson();
    Api api = new Api(port);
    api.send("GET", "/api/v1/account", person.accessToken(), null);
    clock.advance(Duration.ofMinutes(16));

    var emailWithoutPassword =
        api.send(
            "PATCH",
            "/api/v1/account",
            person.accessToken(),
            Api.json(Map.of("email", "late@example.net")));
    var deleteWithoutPassword = api.send("DELETE", "/api/v1/account", person.accessToken(), null);
    var wrongPassword =
        api.send(
            "PATCH",
            "/api/v1/account",
            person.accessToken(),
            Api.json(Map.of("email", "late@example.net", "currentPassword", "guess guess guess")));

    for (var refused : List.of(emailWithoutPassword, deleteWithoutPassword)) {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.problem()).isEqualTo("recent-login-required");
      // where the portal sends the person to log in again (the gateway's max_age=0 round trip)
      assertThat(refused.body().get("reauthenticateUrl").asString())
          .isEqualTo("/session/reauthenticate");
    }
    assertThat(wrongPassword.status()).isEqualTo(400);
    assertThat(wrongPassword.problem()).isEqualTo("current-password-wrong");
    assertThat(People.keycloak().user(person.id())).isNotNull();
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("pendingEmail")
                .isNull())
        .isTrue();

    var withPassword =
        api.send(
            "PATCH",
            "/api/v1/account",
            person.accessToken(),
            Api.json(Map.of("email", "late@example.net", "currentPassword", person.password())));
    assertThat(withPassword.status()).isEqualTo(200);
    assertThat(withPassword.body().get("pendingEmail").get("email").asString())
        .isEqualTo("late@example.net");
  }

  @Test
  void deletingTheAccountRemovesTheKeycloakUserAndAnnouncesIt() {
    Person person = People.newPerson();
    Api api = new Api(port);
    api.send("GET", "/api/v1/account", person.accessToken(), null);

    var deleted = api.send("DELETE", "/api/v1/account", person.accessToken(), null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(People.keycloak().user(person.id())).isNull();
    assertThat(People.keycloakAccepts(person.email(), person.password())).isFalse();
    // the login token lives a few more minutes; it must not bring the account back
    var afterwards = api.send("GET", "/api/v1/account", person.accessToken(), null);
    assertThat(afterwards.status()).isEqualTo(410);
    assertThat(afterwards.problem()).isEqualTo("account-deleted");
    try (var events = new AccountEvents()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.about(person.id(), "AccountDeleted").size() == 1);
      assertThat(
              events.about(person.id(), "AccountDeleted").getFirst().data().get("email").asString())
          .isEqualTo(person.email());
    }
  }
}
