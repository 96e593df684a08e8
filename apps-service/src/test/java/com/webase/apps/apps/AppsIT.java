package com.webase.apps.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.apps.support.AppsServiceTest;
import com.webase.apps.support.Caller;
import com.webase.events.Topics;
import com.webase.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AppsServiceTest
class AppsIT {

  @LocalServerPort int port;

  @Test
  void aCreatedAppHasASlugASiteAndIsListedNewestFirst() {
    Caller ada = Caller.newPerson(port);

    var first =
        ada.json("POST", "/api/v1/apps", "{\"name\":\"Café Menu!\",\"description\":\"Prices\"}");
    var second = ada.json("POST", "/api/v1/apps", "{\"name\":\"Second\"}");

    assertThat(first.status()).isEqualTo(201);
    JsonNode app = first.json();
    assertThat(first.header("Location")).isEqualTo("/api/v1/apps/" + app.get("id").asString());
    assertThat(app.get("name").asString()).isEqualTo("Café Menu!");
    assertThat(app.get("slug").asString()).isEqualTo("cafe-menu");
    assertThat(app.get("siteName").asString()).startsWith("cafe-menu");
    assertThat(app.get("siteUrl").asString())
        .isEqualTo("http://" + app.get("siteName").asString() + ".localhost:8080/");
    assertThat(app.get("revision").asInt()).isZero();
    JsonNode list = ada.get("/api/v1/apps").json();
    assertThat(list.get("items").findValuesAsString("id"))
        .containsExactly(second.json().get("id").asString(), app.get("id").asString());
  }

  @Test
  void theSlugIsUniquePerOwnerAndTheSiteNameAcrossThePlatform() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String name = "Shop " + UUID.randomUUID().toString().substring(0, 8);
    String slug = "shop-" + name.substring(5);

    JsonNode one = ada.json("POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}").json();
    JsonNode two = ada.json("POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}").json();
    JsonNode bobs = bob.json("POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}").json();

    assertThat(one.get("slug").asString()).isEqualTo(slug);
    assertThat(one.get("siteName").asString()).isEqualTo(slug);
    assertThat(two.get("slug").asString()).isEqualTo(slug + "-2");
    assertThat(bobs.get("slug").asString()).as("slugs are per owner").isEqualTo(slug);
    assertThat(bobs.get("siteName").asString())
        .as("site names are platform-wide")
        .matches(slug + "-[a-z0-9]{4}");
  }

  @Test
  void aDeletedAppsSiteNameIsNeverGivenToAnotherApp() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String name = "Gone " + UUID.randomUUID().toString().substring(0, 8);
    String id = ada.createApp(name);
    String site = ada.get("/api/v1/apps/" + id).json().get("siteName").asString();
    ada.delete("/api/v1/apps/" + id);

    JsonNode again = bob.json("POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}").json();

    assertThat(again.get("slug").asString()).isEqualTo(site);
    assertThat(again.get("siteName").asString()).isNotEqualTo(site).startsWith(site + "-");
  }

  @Test
  void aRenameMovesTheSlugButNeverTheSiteName() {
    Caller ada = Caller.newPerson(port);
    String id = ada.createApp("Old Name");
    String site = ada.get("/api/v1/apps/" + id).json().get("siteName").asString();

    var renamed =
        ada.json("PATCH", "/api/v1/apps/" + id, "{\"name\":\"New Name\",\"description\":\"d\"}");

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().get("slug").asString()).isEqualTo("new-name");
    assertThat(renamed.json().get("description").asString()).isEqualTo("d");
    assertThat(renamed.json().get("siteName").asString()).isEqualTo(site);
  }

  @Test
  void anotherPersonsAppIsNotFoundOnEveryVerbAndStaysAsItWas() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String id = ada.createApp("Private");

    assertThat(bob.get("/api/v1/apps/" + id).problem()).isEqualTo("app-not-found");
    assertThat(bob.get("/api/v1/apps/" + id).status()).isEqualTo(404);
    assertThat(bob.json("PATCH", "/api/v1/apps/" + id, "{\"name\":\"Mine\"}").status())
        .isEqualTo(404);
    assertThat(bob.delete("/api/v1/apps/" + id).status()).isEqualTo(404);
    assertThat(bob.get("/api/v1/apps").json().get("items")).isEmpty();
    assertThat(ada.get("/api/v1/apps/" + id).json().get("name").asString()).isEqualTo("Private");
  }

  @Test
  void aDeletedAppIsGoneAtOnceAndItsDeletionIsPublished() {
    Caller ada = Caller.newPerson(port);
    String id = ada.createApp("Doomed");
    try (var reader = new TopicReader(Topics.APPS)) {
      assertThat(ada.delete("/api/v1/apps/" + id).status()).isEqualTo(204);

      assertThat(ada.get("/api/v1/apps/" + id).status()).isEqualTo(404);
      assertThat(ada.get("/api/v1/apps/" + id + "/files").status()).isEqualTo(404);
      assertThat(ada.delete("/api/v1/apps/" + id).status()).isEqualTo(404);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.poll().stream()
                      .anyMatch(
                          r ->
                              id.equals(r.key())
                                  && "com.webase.apps.AppDeleted"
                                      .equals(TopicReader.header(r, "ce_type"))));
      assertThat(reader.poll())
          .filteredOn(r -> id.equals(r.key()))
          .extracting(r -> TopicReader.header(r, "ce_type"))
          .containsExactly("com.webase.apps.AppCreated", "com.webase.apps.AppDeleted");
      assertThat(
              new String(
                  reader.poll().stream()
                      .filter(r -> id.equals(r.key()))
                      .findFirst()
                      .orElseThrow()
                      .value(),
                  StandardCharsets.UTF_8))
          .contains("\"ownerId\":\"" + ada.userId() + "\"");
    }
  }

  @Test
  void aReadOnlyTokenReadsButCannotWrite() {
    Caller ada = Caller.newPerson(port);
    String id = ada.createApp("Readable");
    Caller reader = ada.withScopes("apps:read");

    assertThat(reader.get("/api/v1/apps/" + id).status()).isEqualTo(200);
    var create = reader.json("POST", "/api/v1/apps", "{\"name\":\"No\"}");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.problem()).isEqualTo("insufficient-scope");
    assertThat(reader.json("PATCH", "/api/v1/apps/" + id, "{\"name\":\"No\"}").status())
        .isEqualTo(403);
    assertThat(reader.delete("/api/v1/apps/" + id).status()).isEqualTo(403);
    assertThat(ada.withScopes("deploy").get("/api/v1/apps").status()).isEqualTo(403);
    assertThat(ada.get("/api/v1/apps").json().get("items")).hasSize(1);
  }

  @Test
  void theSameIdempotencyKeyTwiceCreatesOneAppAndAnotherBodyIs422() {
    Caller ada = Caller.newPerson(port);
    String key = UUID.randomUUID().toString();
    byte[] body = "{\"name\":\"Once\"}".getBytes(StandardCharsets.UTF_8);

    var first =
        ada.send("POST", "/api/v1/apps", body, "application/json", Map.of("Idempotency-Key", key));
    var again =
        ada.send("POST", "/api/v1/apps", body, "application/json", Map.of("Idempotency-Key", key));
    var other =
        ada.send(
            "POST",
            "/api/v1/apps",
            "{\"name\":\"Twice\"}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            Map.of("Idempotency-Key", key));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(other.status()).isEqualTo(422);
    assertThat(ada.get("/api/v1/apps").json().get("items")).hasSize(1);
  }

  @Test
  void everyInvalidFieldIsNamedAtOnce() {
    Caller ada = Caller.newPerson(port);

    var invalid =
        ada.json(
            "POST",
            "/api/v1/apps",
            "{\"name\":\"" + "n".repeat(101) + "\",\"description\":\"bad\\u0000text\"}");

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors").findValuesAsString("field"))
        .containsExactly("name", "description");
    assertThat(ada.get("/api/v1/apps").json().get("items")).isEmpty();
  }

  @Test
  void pagesFollowOneAnotherWithoutGapsOrRepeats() {
    Caller ada = Caller.newPerson(port);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(0, ada.createApp("App " + i));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          ada.get("/api/v1/apps?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("items").forEach(item -> seen.add(item.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(created);
  }
}
