package com.webase.account.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.account.support.AccountEvents;
import com.webase.account.support.AccountServiceTest;
import com.webase.account.support.Api;
import com.webase.account.support.People;
import com.webase.account.support.People.Person;
import com.webase.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AccountServiceTest
class EmailChangeIT {

  @LocalServerPort int port;
  @Autowired MovableClock clock;

  @Test
  void aNewAddressStaysPendingUntilTheLinkIsFollowedThenReplacesTheOldEverywhere() {
    Person person = People.newPerson();
    Api api = new Api(port);
    String newEmail = fresh();

    var patched = requestChange(api, person, newEmail);

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().get("email").asString()).isEqualTo(person.email());
    JsonNode pending = patched.body().get("pendingEmail");
    assertThat(pending.get("email").asString()).isEqualTo(newEmail);
    assertThat(
            Duration.between(
                Instant.parse(pending.get("requestedAt").asString()),
                Instant.parse(pending.get("expiresAt").asString())))
        .isEqualTo(Duration.ofHours(24));
    var meanwhile = api.send("GET", "/api/v1/account", person.accessToken(), null).body();
    assertThat(meanwhile.get("email").asString()).isEqualTo(person.email());
    assertThat(meanwhile.get("pendingEmail").get("email").asString()).isEqualTo(newEmail);
    assertThat(People.keycloakAccepts(person.email(), person.password())).isTrue();

    JsonNode requested = latestRequest(person);
    assertThat(requested.get("currentEmail").asString()).isEqualTo(person.email());
    assertThat(requested.get("newEmail").asString()).isEqualTo(newEmail);
    String secret = requested.get("verificationSecret").asString();
    // opened on another device: no session, the secret is the proof
    var verified = verify(api, secret);

    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body().get("email").asString()).isEqualTo(newEmail);
    var after = api.send("GET", "/api/v1/account", person.accessToken(), null).body();
    assertThat(after.get("email").asString()).isEqualTo(newEmail);
    assertThat(after.get("pendingEmail").isNull()).isTrue();
    JsonNode user = People.keycloak().user(person.id());
    assertThat(user.get("email").asString()).isEqualTo(newEmail);
    assertThat(user.get("emailVerified").asBoolean()).isTrue();
    assertThat(People.keycloakAccepts(newEmail, person.password())).isTrue();
    assertThat(People.keycloakAccepts(person.email(), person.password())).isFalse();
    try (var events = new AccountEvents()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.about(person.id(), "EmailChanged").size() == 1);
      JsonNode changed = events.about(person.id(), "EmailChanged").getFirst().data();
      assertThat(changed.get("oldEmail").asString()).isEqualTo(person.email());
      assertThat(changed.get("newEmail").asString()).isEqualTo(newEmail);
    }

    var again = verify(api, secret);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problem()).isEqualTo("verification-link-used");
  }

  @Test
  void anExpiredLinkIsRefusedAndTheAddressStaysAsItWas() {
    Person person = People.newPerson();
    Api api = new Api(port);
    requestChange(api, person, fresh());
    String secret = latestRequest(person).get("verificationSecret").asString();

    clock.advance(Duration.ofHours(24).plusSeconds(1));
    var response = verify(api, secret);

    assertThat(response.status()).isEqualTo(410);
    assertThat(response.problem()).isEqualTo("verification-link-expired");
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("email")
                .asString())
        .isEqualTo(person.email());
  }

  @Test
  void aSecondRequestReplacesTheFirstWhoseLinkStopsWorking() {
    Person person = People.newPerson();
    Api api = new Api(port);
    requestChange(api, person, fresh());
    String first = latestRequest(person).get("verificationSecret").asString();
    String second = fresh();
    requestChange(api, person, second);
    String secondSecret = awaitNewSecret(person, first);

    var old = verify(api, first);
    var current = verify(api, secondSecret);

    assertThat(old.status()).isEqualTo(410);
    assertThat(old.problem()).isEqualTo("verification-link-superseded");
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.body().get("email").asString()).isEqualTo(second);
  }

  @Test
  void resendWaitsForTheCooldownThenSendsANewLinkThatReplacesTheOld() {
    Person person = People.newPerson();
    Api api = new Api(port);
    String newEmail = fresh();
    requestChange(api, person, newEmail);
    String first = latestRequest(person).get("verificationSecret").asString();

    var tooSoon = api.send("POST", "/api/v1/account/email/resend", person.accessToken(), null);
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.problem()).isEqualTo("too-many-verification-mails");
    assertThat(tooSoon.raw().headers().firstValue("Retry-After")).isPresent();

    clock.advance(Duration.ofSeconds(61));
    var resent = api.send("POST", "/api/v1/account/email/resend", person.accessToken(), null);
    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.body().get("email").asString()).isEqualTo(newEmail);
    String second = awaitNewSecret(person, first);

    assertThat(verify(api, first).problem()).isEqualTo("verification-link-superseded");
    assertThat(verify(api, second).status()).isEqualTo(200);
  }

  @Test
  void aCancelledChangeLeavesNothingPendingAndItsLinkSaysSo() {
    Person person = People.newPerson();
    Api api = new Api(port);
    requestChange(api, person, fresh());
    String secret = latestRequest(person).get("verificationSecret").asString();

    var cancelled = api.send("DELETE", "/api/v1/account/email/pending", person.accessToken(), null);

    assertThat(cancelled.status()).isEqualTo(204);
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("pendingEmail")
                .isNull())
        .isTrue();
    assertThat(verify(api, secret).problem()).isEqualTo("verification-link-cancelled");
    var nothingLeft =
        api.send("DELETE", "/api/v1/account/email/pending", person.accessToken(), null);
    assertThat(nothingLeft.status()).isEqualTo(404);
    assertThat(nothingLeft.problem()).isEqualTo("no-pending-email-change");
    assertThat(
            api.send("POST", "/api/v1/account/email/resend", person.accessToken(), null).status())
        .isEqualTo(404);
  }

  @Test
  void anAddressOfAnotherAccountIsRefusedWhenAskedForWhateverItsCase() {
    Person owner = People.newPerson();
    Person other = People.newPerson();
    Person neverSeenHere = People.newPerson(); // known to Keycloak only
    Api api = new Api(port);
    api.send("GET", "/api/v1/account", owner.accessToken(), null);

    var taken = requestChange(api, other, owner.email().toUpperCase());
    var takenInKeycloak = requestChange(api, other, neverSeenHere.email());

    for (var response : List.of(taken, takenInKeycloak)) {
      assertThat(response.status()).isEqualTo(409);
      assertThat(response.problem()).isEqualTo("email-taken");
      assertThat(response.field()).isEqualTo("email");
    }
    assertThat(
            api.send("GET", "/api/v1/account", other.accessToken(), null)
                .body()
                .get("pendingEmail")
                .isNull())
        .isTrue();
  }

  @Test
  void probingTakenAddressesUsesUpTheMailAllowanceLikeSendingMailsDoes() {
    Person owner = People.newPerson();
    Person prober = People.newPerson();
    Api api = new Api(port);

    // the allowance is 10 a day (webase.account.email.max-mails-per-day)
    for (int i = 0; i < 10; i++) {
      var taken = requestChange(api, prober, owner.email());
      assertThat(taken.status()).as("probe " + i).isEqualTo(409);
      assertThat(taken.problem()).isEqualTo("email-taken");
    }
    var eleventh = requestChange(api, prober, owner.email());
    var untaken = requestChange(api, prober, fresh());

    for (var refused : List.of(eleventh, untaken)) {
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.problem()).isEqualTo("too-many-verification-mails");
      assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, Duration.ofDays(1).toSeconds() + 1);
    }
    // a day later the allowance is back (the login is old by then: the password confirms)
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    var nextDay =
        api.send(
            "PATCH",
            "/api/v1/account",
            prober.accessToken(),
            Api.json(Map.of("email", owner.email(), "currentPassword", prober.password())));
    assertThat(nextDay.problem()).isEqualTo("email-taken");
  }

  @Test
  void anAddressTakenWhileALinkWaitedIsRefusedAtVerification() {
    Person first = People.newPerson();
    Person second = People.newPerson();
    Api api = new Api(port);
    String contested = fresh();
    requestChange(api, first, contested);
    requestChange(api, second, contested);
    String firstSecret = latestRequest(first).get("verificationSecret").asString();
    String secondSecret = latestRequest(second).get("verificationSecret").asString();

    assertThat(verify(api, firstSecret).status()).isEqualTo(200);
    var late = verify(api, secondSecret);

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.problem()).isEqualTo("email-taken");
    assertThat(
            api.send("GET", "/api/v1/account", second.accessToken(), null)
                .body()
                .get("email")
                .asString())
        .isEqualTo(second.email());
    assertThat(People.keycloak().user(second.id()).get("email").asString())
        .isEqualTo(second.email());
  }

  @Test
  void unknownAndMalformedSecretsGetTheirOwnProblems() {
    Api api = new Api(port);

    var unknown = verify(api, "A".repeat(43)); // well-formed, never issued
    var malformed = verify(api, "not a secret");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problem()).isEqualTo("verification-link-unknown");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.field()).isEqualTo("secret");
  }

  @Test
  void theCurrentAddressAndMalformedAddressesAreRefused() {
    Person person = People.newPerson();
    Api api = new Api(port);

    var same = requestChange(api, person, person.email());
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.problem()).isEqualTo("email-unchanged");
    for (String bad :
        List.of(
            "",
            "plain",
            "a@b",
            "two@@example.com",
            "space in@example.com",
            "x@-bad-.com",
            "\"quoted\"@example.com",
            "x".repeat(65) + "@example.com",
            "user@example.com\r\nBcc: victim@example.com")) {
      var response = requestChange(api, person, bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.field()).as(bad).isEqualTo("email");
    }
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("pendingEmail")
                .isNull())
        .isTrue();
  }

  private static Api.Response requestChange(Api api, Person person, String email) {
    return api.send(
        "PATCH", "/api/v1/account", person.accessToken(), Api.json(Map.of("email", email)));
  }

  private static Api.Response verify(Api api, String secret) {
    return api.send(
        "POST", "/api/v1/account/email/verify", null, Api.json(Map.of("secret", secret)));
  }

  /** The newest EmailChangeRequested of the person, as notification-service would read it. */
  private static JsonNode latestRequest(Person person) {
    try (var events = new AccountEvents()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> !events.about(person.id(), "EmailChangeRequested").isEmpty());
      return events.about(person.id(), "EmailChangeRequested").getLast().data();
    }
  }

  private static String awaitNewSecret(Person person, String previous) {
    try (var events = new AccountEvents()) {
      // the reader may not have fetched anything yet: an empty list is "not yet", not an error
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                var requests = events.about(person.id(), "EmailChangeRequested");
                return !requests.isEmpty()
                    && !requests
                        .getLast()
                        .data()
                        .get("verificationSecret")
                        .asString()
                        .equals(previous);
              });
      return events
          .about(person.id(), "EmailChangeRequested")
          .getLast()
          .data()
          .get("verificationSecret")
          .asString();
    }
  }

  private static String fresh() {
    return "new-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
  }
}
