package com.webase.records.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.Models;
import com.webase.records.support.RecordsServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RecordsServiceTest
class RecordTypesIT {

  @LocalServerPort int port;

  private Api api;
  private String records;

  @BeforeEach
  void anAppWithAModelOfEveryType() {
    api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "products", Models.EVERY_TYPE);
    records = "/api/v1/apps/" + app + "/models/products/records";
  }

  @Test
  void validRecordsOfEveryTypeRoundTripWithTheirTypes() {
    String body =
        """
        {"title": "Lamp", "notes": "Warm light.\\nTwo lines, ünïcødé ✓", "quantity": 12,
         "price": 19.99, "active": false, "releasedOn": "2024-02-29",
         "updatedTime": "2024-05-01T10:15:30.123456+02:00", "contact": "sales@example.com",
         "homepage": "https://example.com/lamp?x=1", "status": "live",
         "extra": {"tags": ["a", "b"], "depth": {"n": 1.5, "ok": true, "none": null}},
         "sku": "LAMP-1"}
        """;

    var created = api.post(records, body);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
    String id = Api.json(created).get("id").asString();
    JsonNode read = Api.json(api.get(records + "/" + id));
    assertThat(read.get("title").isString()).isTrue();
    assertThat(read.get("title").asString()).isEqualTo("Lamp");
    assertThat(read.get("notes").asString()).isEqualTo("Warm light.\nTwo lines, ünïcødé ✓");
    assertThat(read.get("quantity").isIntegralNumber()).isTrue();
    assertThat(read.get("quantity").asLong()).isEqualTo(12);
    assertThat(read.get("price").isNumber()).isTrue();
    assertThat(read.get("price").asDouble()).isEqualTo(19.99);
    assertThat(read.get("active").isBoolean()).isTrue();
    assertThat(read.get("active").asBoolean()).isFalse();
    assertThat(read.get("releasedOn").asString()).isEqualTo("2024-02-29");
    assertThat(read.get("updatedTime").asString()).isEqualTo("2024-05-01T08:15:30.123456Z");
    assertThat(read.get("contact").asString()).isEqualTo("sales@example.com");
    assertThat(read.get("homepage").asString()).isEqualTo("https://example.com/lamp?x=1");
    assertThat(read.get("status").asString()).isEqualTo("live");
    assertThat(read.get("extra")).isEqualTo(Api.JSON.readTree(body).get("extra"));
    assertThat(read.get("sku").asString()).isEqualTo("LAMP-1");
    assertThat(read.get("id").asString()).isEqualTo(id);
    assertThat(read.get("createdAt").asString()).isEqualTo(read.get("updatedAt").asString());
    assertThat(read).isEqualTo(Api.json(created));
  }

  @Test
  void absentFieldsTakeTheirDefaultOrNoValue() {
    JsonNode created = Api.json(api.post(records, "{\"title\":\"Plain\"}"));

    assertThat(created.get("active").asBoolean()).isTrue();
    assertThat(created.get("quantity").isNull()).isTrue();
    assertThat(created.get("extra").isNull()).isTrue();
  }

  @Test
  void aRecordWithThreeInvalidFieldsGetsThreeFieldErrorsInOne400() {
    var refused =
        api.post(
            records, "{\"title\":\"ok\",\"quantity\":\"12\",\"price\":-1,\"status\":\"gone\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(fields(refused)).containsExactlyInAnyOrder("quantity", "price", "status");
    assertThat(Api.json(api.get(records)).get("items").size()).isZero();
  }

  @Test
  void everyTypeRefusesValuesOfAnotherShape() {
    var refused =
        api.post(
            records,
            """
            {"title": "this title is much too long", "notes": 5, "quantity": 1.5, "price": "1",
             "active": "yes", "releasedOn": "2024-02-30", "updatedTime": "2024-05-01T10:15:30",
             "contact": "not-an-email", "homepage": "ftp://example.com", "status": 1,
             "sku": "nul\\u0000inside"}
            """);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(fields(refused))
        .containsExactlyInAnyOrder(
            "title",
            "notes",
            "quantity",
            "price",
            "active",
            "releasedOn",
            "updatedTime",
            "contact",
            "homepage",
            "status",
            "sku");
  }

  @Test
  void unknownFieldsAndSystemFieldsAreRefusedAndARequiredFieldIsNamed() {
    var refused =
        api.post(records, "{\"titel\":\"typo\",\"id\":\"mine\",\"createdAt\":\"2020-01-01\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(fields(refused)).containsExactlyInAnyOrder("titel", "id", "createdAt", "title");
  }

  @Test
  void putReplacesPatchMergesAndDeleteRemoves() {
    String id =
        Api.json(api.post(records, "{\"title\":\"A\",\"quantity\":1,\"notes\":\"n\"}"))
            .get("id")
            .asString();

    var replaced = api.send("PUT", records + "/" + id, "{\"title\":\"B\"}", Map.of());
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");
    assertThat(Api.json(replaced).get("quantity").isNull()).isTrue();
    assertThat(Api.json(replaced).get("active").asBoolean()).isTrue();

    var patched =
        api.send(
            "PATCH",
            records + "/" + id,
            "{\"quantity\":7,\"notes\":null}",
            Map.of("Content-Type", "application/merge-patch+json"));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(Api.json(patched).get("title").asString()).isEqualTo("B");
    assertThat(Api.json(patched).get("quantity").asLong()).isEqualTo(7);
    assertThat(patched.headers().firstValue("ETag")).hasValue("\"3\"");

    var clearRequired = api.send("PATCH", records + "/" + id, "{\"title\":null}", Map.of());
    assertThat(clearRequired.statusCode()).isEqualTo(400);

    assertThat(api.send("DELETE", records + "/" + id, null, Map.of()).statusCode()).isEqualTo(204);
    assertThat(api.get(records + "/" + id).statusCode()).isEqualTo(404);
    assertThat(api.send("DELETE", records + "/" + id, null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
    String id = Api.json(api.post(records, "{\"title\":\"A\"}")).get("id").asString();
    api.send("PATCH", records + "/" + id, "{\"title\":\"B\"}", Map.of("If-Match", "\"1\""));

    var stalePatch =
        api.send("PATCH", records + "/" + id, "{\"title\":\"C\"}", Map.of("If-Match", "\"1\""));
    var stalePut =
        api.send("PUT", records + "/" + id, "{\"title\":\"D\"}", Map.of("If-Match", "\"1\""));
    var staleDelete = api.send("DELETE", records + "/" + id, null, Map.of("If-Match", "\"1\""));

    assertThat(stalePatch.statusCode()).isEqualTo(412);
    assertThat(stalePut.statusCode()).isEqualTo(412);
    assertThat(staleDelete.statusCode()).isEqualTo(412);
    assertThat(stalePatch.headers().firstValue("ETag")).hasValue("\"2\"");
    var current = api.get(records + "/" + id);
    assertThat(Api.json(current).get("title").asString()).isEqualTo("B");
    assertThat(current.headers().firstValue("ETag")).hasValue("\"2\"");
    var fresh =
        api.send("PATCH", records + "/" + id, "{\"title\":\"E\"}", Map.of("If-Match", "\"2\""));
    assertThat(fresh.statusCode()).isEqualTo(200);
  }

  @Test
  void aUniqueValueTakenByAnotherRecordIsAConflictOnCreateAndUpdate() {
    api.post(records, "{\"title\":\"A\",\"sku\":\"S-1\"}");
    String other =
        Api.json(api.post(records, "{\"title\":\"B\",\"sku\":\"S-2\"}")).get("id").asString();

    var create = api.post(records, "{\"title\":\"C\",\"sku\":\"S-1\"}");
    var update = api.send("PATCH", records + "/" + other, "{\"sku\":\"S-1\"}", Map.of());

    assertThat(create.statusCode()).isEqualTo(409);
    assertThat(create.body()).contains("unique-violation").contains("\"field\":\"sku\"");
    assertThat(update.statusCode()).isEqualTo(409);
    assertThat(Api.json(api.get(records + "/" + other)).get("sku").asString()).isEqualTo("S-2");
  }

  static List<String> fields(java.net.http.HttpResponse<String> problem) {
    List<String> fields = new ArrayList<>();
    Api.json(problem).get("errors").forEach(e -> fields.add(e.get("field").asString()));
    return fields;
  }
}
