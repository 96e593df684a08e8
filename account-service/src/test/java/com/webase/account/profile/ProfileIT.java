package com.webase.account.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.account.support.AccountEvents;
import com.webase.account.support.AccountServiceTest;
import com.webase.account.support.Api;
import com.webase.account.support.People;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@AccountServiceTest
class ProfileIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void theFirstRequestCreatesTheAccountFromTheLoginsClaims() {
    var person = People.newPerson("Grace", "Hopper");
    var api = new Api(port);

    var account = api.send("GET", "/api/v1/account", person.accessToken(), null);

    assertThat(account.status()).isEqualTo(200);
    assertThat(account.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(account.body().get("id").asString()).isEqualTo(person.id());
    assertThat(account.body().get("email").asString()).isEqualTo(person.email());
    assertThat(account.body().get("name").asString()).isEqualTo("Grace Hopper");
    assertThat(account.body().get("emailVerified").asBoolean()).isTrue();
    assertThat(account.body().get("pendingEmail").isNull()).isTrue();
    assertThat(account.body().get("createdAt").asString()).isNotBlank();
  }

  @Test
  void twentyConcurrentFirstRequestsCreateOneAccountAndAnnounceItOnce() throws Exception {
    var person = People.newPerson();
    var api = new Api(port);
    List<Callable<Integer>> firstRequests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      firstRequests.add(
          () -> api.send("GET", "/api/v1/account", person.accessToken(), null).status());
    }

    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(20)) {
      for (var answer : pool.invokeAll(firstRequests)) {
        statuses.add(answer.get());
      }
    }

    assertThat(statuses).containsOnly(200).hasSize(20);
    assertThat(
            jdbc.sql("select count(*) from account where id = ?")
                .param(person.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    try (var events = new AccountEvents()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.about(person.id(), "AccountCreated").size() == 1);
      // a late duplicate would show up in the next seconds; none does
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> events.about(person.id(), "AccountCreated").size() == 1);
      var created = events.about(person.id(), "AccountCreated").getFirst().data();
      assertThat(created.get("email").asString()).isEqualTo(person.email());
    }
  }

  @Test
  void aNewNameShowsOnTheNextRequestInKeycloakAndInAnEvent() {
    var person = People.newPerson("Ada", "Byron");
    var api = new Api(port);
    api.send("GET", "/api/v1/account", person.accessToken(), null);

    var patched =
        api.send(
            "PATCH",
            "/api/v1/account",
            person.accessToken(),
            Api.json(Map.of("name", "  Ada   King Lovelace ")));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().get("name").asString()).isEqualTo("Ada King Lovelace");
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("name")
                .asString())
        .isEqualTo("Ada King Lovelace");
    var user = People.keycloak().user(person.id());
    assertThat(user.get("firstName").asString()).isEqualTo("Ada King");
    assertThat(user.get("lastName").asString()).isEqualTo("Lovelace");
    try (var events = new AccountEvents()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.about(person.id(), "ProfileUpdated").size() == 1);
      assertThat(
              events.about(person.id(), "ProfileUpdated").getFirst().data().get("name").asString())
          .isEqualTo("Ada King Lovelace");
    }
  }

  @Test
  void aNameWithMarkupIsKeptAsTextHereAndInKeycloak() {
    var person = People.newPerson();
    var api = new Api(port);
    String name = "<script>alert('x')</script> & Co";

    var patched =
        api.send("PATCH", "/api/v1/account", person.accessToken(), Api.json(Map.of("name", name)));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().get("name").asString()).isEqualTo(name);
    var user = People.keycloak().user(person.id());
    assertThat(user.get("firstName").asString() + " " + user.get("lastName").asString())
        .isEqualTo(name);
  }

  @Test
  void namesThatAreEmptyTooLongOrHoldControlCharactersAreRefusedAndNothingChanges() {
    var person = People.newPerson("Unchanged", "Name");
    var api = new Api(port);
    api.send("GET", "/api/v1/account", person.accessToken(), null);

    for (String bad :
        List.of(
            "",
            "   ",
            "x".repeat(101),
            "Bob\u0000",
            "Line\nbreak",
            "Zero\u200Bwidth",
            "Tab\tbed")) {
      var response =
          api.send("PATCH", "/api/v1/account", person.accessToken(), Api.json(Map.of("name", bad)));

      assertThat(response.status()).as("name %s", bad.replace("\u0000", "\\0")).isEqualTo(400);
      assertThat(response.problem()).isEqualTo("validation");
      assertThat(response.field()).isEqualTo("name");
    }
    assertThat(
            api.send("GET", "/api/v1/account", person.accessToken(), null)
                .body()
                .get("name")
                .asString())
        .isEqualTo("Unchanged Name");
  }

  @Test
  void aProgramWithAnApiTokenReadsTheProfileOfItsUser() {
    var person = People.newPerson("Api", "Reader");
    var api = new Api(port);

    // the program comes first: the account is made from Keycloak's record of the user
    var account = api.send("GET", "/api/v1/account", People.program(person.id()), null);

    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body().get("email").asString()).isEqualTo(person.email());
    assertThat(account.body().get("name").asString()).isEqualTo("Api Reader");
  }

  @Test
  void anAccountReadTokenCannotRenameAndAnAccountWriteTokenCan() {
    var person = People.newPerson("Scoped", "Reader");
    var api = new Api(port);
    String reader = People.program(person.id(), "account:read");
    String writer = People.program(person.id(), "account:write");
    String rename = Api.json(java.util.Map.of("name", "Renamed By Program"));

    assertThat(api.send("GET", "/api/v1/account", reader, null).status()).isEqualTo(200);
    var refused = api.send("PATCH", "/api/v1/account", reader, rename);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problem()).isEqualTo("insufficient-scope");
    assertThat(api.send("GET", "/api/v1/account", reader, null).body().get("name").asString())
        .isEqualTo("Scoped Reader");

    var renamed = api.send("PATCH", "/api/v1/account", writer, rename);
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.body().get("name").asString()).isEqualTo("Renamed By Program");
  }

  @Test
  void aTokenWithoutTheAccountScopesCannotReadTheProfileOrTheActivity() {
    var person = People.newPerson("Apps", "Only");
    var api = new Api(port);
    String appsOnly = People.program(person.id(), "apps:read", "apps:write");

    for (String path : java.util.List.of("/api/v1/account", "/api/v1/account/activity")) {
      var refused = api.send("GET", path, appsOnly, null);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.problem()).as(path).isEqualTo("insufficient-scope");
      assertThat(api.send("GET", path, People.program(person.id(), "account:read"), null).status())
          .as(path)
          .isEqualTo(200);
    }
  }

  @Test
  void noTokenGets401() {
    var response = new Api(port).send("GET", "/api/v1/account", null, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.problem()).isEqualTo("unauthenticated");
  }
}
