package com.webase.records.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RecordsServiceTest
class ModelsIT {

  @LocalServerPort int port;

  @Test
  void aModelWithEveryFieldTypeIsCreatedReadAndListed() {
    Api api = Api.newUser(port);
    String app = api.newApp();

    var created =
        api.post(
            "/api/v1/apps/" + app + "/models",
            "{\"name\":\"products\",\"fields\":"
                + com.webase.records.support.Models.EVERY_TYPE
                + "}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/api/v1/apps/" + app + "/models/products");
    JsonNode model = Api.json(api.get("/api/v1/apps/" + app + "/models/products"));
    List<String> types = new ArrayList<>();
    model.get("fields").forEach(f -> types.add(f.get("type").asString()));
    assertThat(types)
        .containsExactly(
            "string",
            "text",
            "integer",
            "number",
            "boolean",
            "date",
            "datetime",
            "email",
            "url",
            "enum",
            "json",
            "string");
    assertThat(model.get("fields").get(4).get("default").asBoolean()).isTrue();
    assertThat(model.get("fields").get(9).get("values").size()).isEqualTo(3);
    assertThat(model.toString()).doesNotContain("column").doesNotContain("\"c1\"");
    JsonNode list = Api.json(api.get("/api/v1/apps/" + app + "/models"));
    assertThat(list.get("items").get(0).get("name").asString()).isEqualTo("products");
  }

  @Test
  void aSecondModelOfTheSameNameIsAConflict() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "tasks", "[]");

    var again = api.post("/api/v1/apps/" + app + "/models", "{\"name\":\"tasks\",\"fields\":[]}");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("model-exists");
  }

  @Test
  void addingAFieldToAModelWithDataWorksAndExistingRecordsTakeItsDefault() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "tasks", "[{\"name\":\"title\",\"type\":\"string\"}]");
    String id =
        Api.json(api.post(records(app, "tasks"), "{\"title\":\"write tests\"}"))
            .get("id")
            .asString();

    var changed =
        patchModel(
            api,
            app,
            "tasks",
            "",
            "[{\"name\":\"title\",\"type\":\"string\"},"
                + "{\"name\":\"priority\",\"type\":\"integer\",\"default\":3},"
                + "{\"name\":\"due\",\"type\":\"date\"}]");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(Api.json(changed).get("version").asInt()).isEqualTo(2);
    JsonNode old = Api.json(api.get(records(app, "tasks") + "/" + id));
    assertThat(old.get("title").asString()).isEqualTo("write tests");
    assertThat(old.get("priority").asLong()).isEqualTo(3);
    assertThat(old.get("due").isNull()).isTrue();
    var fresh = api.post(records(app, "tasks"), "{\"title\":\"ship\",\"due\":\"2030-01-31\"}");
    assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(201);
  }

  @Test
  void aTextDefaultWithQuotesAndBackslashesReachesExistingRecordsExactly() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "notes", "[{\"name\":\"n\",\"type\":\"integer\"}]");
    String id = Api.json(api.post(records(app, "notes"), "{\"n\":1}")).get("id").asString();
    String tricky = "it's'); drop table data_model; -- \\ done";

    var changed =
        patchModel(
            api,
            app,
            "notes",
            "",
            "[{\"name\":\"n\",\"type\":\"integer\"},{\"name\":\"label\",\"type\":\"string\","
                + "\"default\":"
                + Api.JSON.writeValueAsString(tricky)
                + "}]");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(Api.json(api.get(records(app, "notes") + "/" + id)).get("label").asString())
        .isEqualTo(tricky);
  }

  @Test
  void retypingAFieldThatHoldsDataIsRefusedAndWorksWhenForced() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "items", "[{\"name\":\"code\",\"type\":\"string\"}]");
    String id =
        Api.json(api.post(records(app, "items"), "{\"code\":\"A-1\"}")).get("id").asString();
    String retyped = "[{\"name\":\"code\",\"type\":\"integer\"}]";

    var refused = patchModel(api, app, "items", "", retyped);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("field-holds-data").contains("\"field\":\"code\"");
    assertThat(Api.json(api.get(records(app, "items") + "/" + id)).get("code").asString())
        .isEqualTo("A-1");
    assertThat(Api.json(api.get("/api/v1/apps/" + app + "/models/items")).get("version").asInt())
        .isEqualTo(1);

    var forced = patchModel(api, app, "items", "?force=true", retyped);

    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(Api.json(api.get(records(app, "items") + "/" + id)).get("code").isNull()).isTrue();
    var typed = api.post(records(app, "items"), "{\"code\":42}");
    assertThat(typed.statusCode()).as(typed.body()).isEqualTo(201);
    assertThat(Api.json(typed).get("code").isIntegralNumber()).isTrue();
  }

  @Test
  void retypingOrRemovingAFieldWithoutDataNeedsNoForce() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(
        app,
        "items",
        "[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"text\"}]");
    api.post(records(app, "items"), "{\"code\":\"A-1\"}");

    var changed = patchModel(api, app, "items", "", "[{\"name\":\"code\",\"type\":\"string\"}]");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
  }

  @Test
  void removingAFieldThatHoldsDataIsRefusedUnlessForced() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(
        app,
        "items",
        "[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"size\",\"type\":\"integer\"}]");
    String id =
        Api.json(api.post(records(app, "items"), "{\"code\":\"A-1\",\"size\":3}"))
            .get("id")
            .asString();

    var refused = patchModel(api, app, "items", "", "[{\"name\":\"code\",\"type\":\"string\"}]");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("\"field\":\"size\"");
    assertThat(Api.json(api.get(records(app, "items") + "/" + id)).get("size").asLong())
        .isEqualTo(3);

    var forced =
        patchModel(api, app, "items", "?force=true", "[{\"name\":\"code\",\"type\":\"string\"}]");
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(Api.json(api.get(records(app, "items") + "/" + id)).has("size")).isFalse();
  }

  @Test
  void makingAFieldUniqueWhenRecordsShareAValueIsAConflict() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "items", "[{\"name\":\"code\",\"type\":\"string\"}]");
    api.post(records(app, "items"), "{\"code\":\"same\"}");
    api.post(records(app, "items"), "{\"code\":\"same\"}");

    var refused =
        patchModel(
            api, app, "items", "", "[{\"name\":\"code\",\"type\":\"string\",\"unique\":true}]");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("unique-violation");
    assertThat(Api.json(api.get("/api/v1/apps/" + app + "/models/items")).get("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void aModelChangeWithAStaleIfMatchIsRefused() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "items", "[]");
    patchModel(api, app, "items", "", "[{\"name\":\"a\",\"type\":\"string\"}]");

    var stale =
        api.send(
            "PATCH",
            "/api/v1/apps/" + app + "/models/items",
            "{\"fields\":[]}",
            Map.of("If-Match", "\"1\""));

    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(Api.json(api.get("/api/v1/apps/" + app + "/models/items")).get("fields").size())
        .isEqualTo(1);
  }

  @Test
  void badModelAndFieldDefinitionsAreRefusedWithEveryReasonAndNothingIsCreated() {
    Api api = Api.newUser(port);
    String app = api.newApp();

    var refused =
        api.post(
            "/api/v1/apps/" + app + "/models",
            """
            {"name": "Bad-Name", "fields": [
              {"name": "id", "type": "string"},
              {"name": "ok", "type": "strin"},
              {"name": "kind", "type": "enum"},
              {"name": "n", "type": "integer", "min": 5, "max": 1},
              {"name": "big", "type": "json", "unique": true},
              {"name": "title", "type": "string", "maxLength": 100000},
              {"name": "d", "type": "date", "default": "yesterday"}
            ]}
            """);

    assertThat(refused.statusCode()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    Api.json(refused).get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "name",
            "fields[0].name",
            "fields[1].type",
            "fields[2].values",
            "fields[3].min",
            "fields[4].unique",
            "fields[5].maxLength",
            "fields[6].default");
    assertThat(Api.json(api.get("/api/v1/apps/" + app + "/models")).get("items").size()).isZero();
  }

  @Test
  void deletingAModelRemovesItAndItsRecords() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "items", "[{\"name\":\"code\",\"type\":\"string\"}]");
    api.post(records(app, "items"), "{\"code\":\"x\"}");

    var deleted = api.send("DELETE", "/api/v1/apps/" + app + "/models/items", null, Map.of());

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/apps/" + app + "/models/items").statusCode()).isEqualTo(404);
    assertThat(api.get(records(app, "items")).statusCode()).isEqualTo(404);
    api.newModel(app, "items", "[{\"name\":\"code\",\"type\":\"string\"}]");
    assertThat(Api.json(api.get(records(app, "items"))).get("items").size()).isZero();
  }

  private static java.net.http.HttpResponse<String> patchModel(
      Api api, String app, String model, String query, String fields) {
    return api.send(
        "PATCH",
        "/api/v1/apps/" + app + "/models/" + model + query,
        "{\"fields\":" + fields + "}",
        Map.of());
  }

  static String records(String app, String model) {
    return "/api/v1/apps/" + app + "/models/" + model + "/records";
  }
}
