package com.webase.records.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.apps.AppCreated;
import com.webase.events.apps.AppDeleted;
import com.webase.records.support.Api;
import com.webase.records.support.Events;
import com.webase.records.support.RecordsServiceTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RecordsServiceTest
class AccessIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void anotherPersonsAppModelsAndRecordsAreNotFoundAndStayUnchanged() {
    Api a = Api.newUser(port);
    Api b = Api.newUser(port);
    String app = a.newApp();
    a.newModel(app, "secrets", "[{\"name\":\"text\",\"type\":\"string\"}]");
    String models = "/api/v1/apps/" + app + "/models";
    String records = models + "/secrets/records";
    String id = Api.json(a.post(records, "{\"text\":\"mine\"}")).get("id").asString();

    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(b.get(models));
    answers.add(b.get(models + "/secrets"));
    answers.add(b.post(models, "{\"name\":\"theirs\",\"fields\":[]}"));
    answers.add(b.send("PATCH", models + "/secrets", "{\"fields\":[]}", Map.of()));
    answers.add(b.send("DELETE", models + "/secrets", null, Map.of()));
    answers.add(b.get(records));
    answers.add(b.get(records + "/" + id));
    answers.add(b.post(records, "{\"text\":\"x\"}"));
    answers.add(b.post(records + "/bulk", "{\"records\":[{\"text\":\"x\"}]}"));
    answers.add(b.send("PUT", records + "/" + id, "{\"text\":\"x\"}", Map.of()));
    answers.add(b.send("PATCH", records + "/" + id, "{\"text\":\"x\"}", Map.of()));
    answers.add(b.send("DELETE", records + "/" + id, null, Map.of()));
    String unknownApp = "/api/v1/apps/" + UUID.randomUUID() + "/models";
    JsonNode nothingThere = withoutInstance(b.get(unknownApp));

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode())
          .as(answer.request().method() + " " + answer.uri())
          .isEqualTo(404);
      assertThat(withoutInstance(answer)).isEqualTo(nothingThere);
    }
    assertThat(Api.json(a.get(records + "/" + id)).get("text").asString()).isEqualTo("mine");
    assertThat(Api.json(a.get(models)).get("items").size()).isEqualTo(1);
  }

  @Test
  void aReadOnlyTokenReadsButCannotWriteAndATokenWithoutRecordsScopesCannotRead() {
    Api owner = Api.newUser(port);
    String app = owner.newApp();
    owner.newModel(app, "notes", "[{\"name\":\"text\",\"type\":\"string\"}]");
    String models = "/api/v1/apps/" + app + "/models";
    String records = models + "/notes/records";
    String id = Api.json(owner.post(records, "{\"text\":\"a\"}")).get("id").asString();
    Api reader = owner.withScopes("records:read");

    assertThat(reader.get(records).statusCode()).isEqualTo(200);
    assertThat(reader.get(records + "/" + id).statusCode()).isEqualTo(200);
    assertThat(reader.get(models + "/notes").statusCode()).isEqualTo(200);
    List<HttpResponse<String>> writes =
        List.of(
            reader.post(models, "{\"name\":\"more\",\"fields\":[]}"),
            reader.send("PATCH", models + "/notes", "{\"fields\":[]}", Map.of()),
            reader.send("DELETE", models + "/notes", null, Map.of()),
            reader.post(records, "{\"text\":\"b\"}"),
            reader.post(records + "/bulk", "{\"records\":[{\"text\":\"b\"}]}"),
            reader.send("PUT", records + "/" + id, "{\"text\":\"b\"}", Map.of()),
            reader.send("PATCH", records + "/" + id, "{\"text\":\"b\"}", Map.of()),
            reader.send("DELETE", records + "/" + id, null, Map.of()));
    for (HttpResponse<String> write : writes) {
      assertThat(write.statusCode()).as(write.uri().toString()).isEqualTo(403);
      assertThat(write.body()).contains("insufficient-scope");
    }
    Api appsOnly = owner.withScopes("apps:read", "apps:write");
    assertThat(appsOnly.get(records).statusCode()).isEqualTo(403);
    assertThat(appsOnly.get(models).statusCode()).isEqualTo(403);
    assertThat(Api.json(owner.get(records + "?count=true")).get("total").asLong()).isEqualTo(1);
    assertThat(Api.json(owner.get(records + "/" + id)).get("text").asString()).isEqualTo("a");
  }

  @Test
  void deletingTheAppRemovesItsModelsAndRecordsWithinTenSeconds() {
    Api owner = Api.newUser(port);
    String app = owner.newApp();
    owner.newModel(app, "a", "[{\"name\":\"n\",\"type\":\"integer\"}]");
    owner.newModel(app, "b", "[]");
    owner.post("/api/v1/apps/" + app + "/models/a/records", "{\"n\":1}");
    List<String> tables =
        jdbc.sql("select table_name from data_model where app_id = ?")
            .param(app)
            .query(String.class)
            .list();
    assertThat(tables).hasSize(2);

    Events.publish(new AppDeleted(UUID.randomUUID(), Instant.now(), app, owner.userId()));

    Awaitility.await("the deleted app's models are gone")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> owner.get("/api/v1/apps/" + app + "/models/a").statusCode() == 404);
    assertThat(owner.get("/api/v1/apps/" + app + "/models").statusCode()).isEqualTo(404);
    Awaitility.await("the deleted app's tables are dropped")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                tables.stream()
                    .allMatch(
                        t ->
                            jdbc.sql("select to_regclass(?) is null")
                                .param(t)
                                .query(Boolean.class)
                                .single()));
    assertThat(
            jdbc.sql("select count(*) from data_model where app_id = ?")
                .param(app)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aLateAppCreatedDoesNotBringADeletedAppBack() {
    Api owner = Api.newUser(port);
    String app = owner.newApp();
    Events.publish(new AppDeleted(UUID.randomUUID(), Instant.now(), app, owner.userId()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> owner.get("/api/v1/apps/" + app + "/models").statusCode() == 404);

    Events.publish(new AppCreated(UUID.randomUUID(), Instant.now(), app, owner.userId(), "s", "n"));
    String marker = owner.newApp();

    // the marker app's event came after on another key: wait for the consumer to pass both
    assertThat(owner.get("/api/v1/apps/" + marker + "/models").statusCode()).isEqualTo(200);
    Awaitility.await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> owner.get("/api/v1/apps/" + app + "/models").statusCode() == 404);
  }

  /** A problem body without {@code instance}, which repeats the request's own path. */
  private static JsonNode withoutInstance(HttpResponse<String> problem) {
    ObjectNode body = (ObjectNode) Api.json(problem);
    body.remove("instance");
    return body;
  }

  @Test
  void appIdsOfTheWrongShapeOrUnknownAreNotFound() {
    Api api = Api.newUser(port);
    for (String app :
        List.of(UUID.randomUUID().toString(), "x".repeat(200), "a%20b", "a.b", "..")) {
      var answer = api.get("/api/v1/apps/" + app + "/models");
      assertThat(answer.statusCode()).as(app).isIn(400, 404);
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(app + " answered " + answer.statusCode() + " " + answer.body())
          .hasValue("application/problem+json");
    }
  }
}
