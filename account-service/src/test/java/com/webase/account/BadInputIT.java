package com.webase.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.account.support.AccountServiceTest;
import com.webase.account.support.Api;
import com.webase.account.support.People;
import com.webase.account.support.People.Person;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input on every endpoint with a body gets a 4xx problem that says what is wrong — never a 500
 * — and changes nothing: not the account, not Keycloak, not the activity list.
 */
@AccountServiceTest
class BadInputIT {

  private static final List<String> ENDPOINTS =
      List.of(
          "PATCH /api/v1/account",
          "POST /api/v1/account/email/verify",
          "POST /api/v1/account/password",
          "POST /api/v1/account/password/strength",
          "DELETE /api/v1/account");

  private static final String MEGABYTE = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void everyEndpointAnswersBadBodiesWithAProblemAndChangesNothing() {
    Person person = People.newPerson("Stays", "Same");
    Api api = new Api(port);
    var before = api.send("GET", "/api/v1/account", person.accessToken(), null).body();
    int activityBefore = activityOf(person.id());
    List<String> bodies =
        List.of(
            "{\"name\":", // malformed
            "[]", // not an object
            "{\"name\": 5, \"email\": [], \"secret\": {}, \"newPassword\": 7, \"password\": true,"
                + " \"currentPassword\": 1}", // wrong types
            "{\"nickname\": \"x\", \"favouriteColour\": \"blue\"}", // unknown fields
            "{\"name\": \"\", \"email\": \"\", \"secret\": \"\", \"newPassword\": \"\","
                + " \"confirmPassword\": \"\", \"password\": \"\"}", // empty strings
            "{\"name\": \"a\\u0000b\\u0007\", \"email\": \"a\\u0000@example.com\","
                + " \"secret\": \"\\u0000\"}", // control characters
            MEGABYTE);

    for (String endpoint : ENDPOINTS) {
      String method = endpoint.split(" ")[0];
      String path = endpoint.split(" ")[1];
      for (String body : bodies) {
        var response = api.send(method, path, person.accessToken(), body);
        String what = endpoint + " with " + body.substring(0, Math.min(60, body.length()));

        assertThat(response.status()).as(what).isBetween(400, 499);
        assertThat(response.raw().headers().firstValue("Content-Type"))
            .as(what)
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.type()).as(what).startsWith("https://");
      }
      var plainText = api.send(method, path, person.accessToken(), "name=x", "text/plain");
      assertThat(plainText.status()).as(endpoint + " as text/plain").isEqualTo(415);
    }

    var after = api.send("GET", "/api/v1/account", person.accessToken(), null).body();
    assertThat(after).isEqualTo(before);
    assertThat(activityOf(person.id())).isEqualTo(activityBefore);
    var user = People.keycloak().user(person.id());
    assertThat(user).isNotNull();
    assertThat(user.get("firstName").asString()).isEqualTo("Stays");
    assertThat(People.keycloakAccepts(person.email(), person.password())).isTrue();
  }

  @Test
  void aValidationProblemNamesTheFieldAndWhy() {
    Person person = People.newPerson();
    Api api = new Api(port);

    var wrongType = api.send("PATCH", "/api/v1/account", person.accessToken(), "{\"name\": 5}");
    var unknown =
        api.send("PATCH", "/api/v1/account", person.accessToken(), "{\"nickname\": \"x\"}");
    var tooLarge = api.send("PATCH", "/api/v1/account", person.accessToken(), MEGABYTE);

    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.field()).isEqualTo("name");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.field()).isEqualTo("nickname");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.problem()).isEqualTo("payload-too-large");
  }

  @Test
  void activityPagingRefusesBadLimitsAndCursors() {
    Person person = People.newPerson();
    Api api = new Api(port);

    for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=not-a-cursor")) {
      var response =
          api.send("GET", "/api/v1/account/activity?" + query, person.accessToken(), null);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.type()).as(query).isNotBlank();
    }
  }

  private int activityOf(String accountId) {
    return jdbc.sql("select count(*) from security_activity where account_id = ?")
        .param(accountId)
        .query(Integer.class)
        .single();
  }
}
