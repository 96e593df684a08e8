package com.webase.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every endpoint gets a 4xx problem — never a 500 — and changes nothing: the model
 * keeps its version and fields, the records stay as they were.
 */
@RecordsServiceTest
class BadInputIT {

  @LocalServerPort int port;

  @Test
  void everyEndpointAnswersBadInputWithA4xxProblemAndNothingChanges() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(
        app,
        "items",
        "[{\"name\":\"name\",\"type\":\"string\",\"unique\":true},"
            + "{\"name\":\"qty\",\"type\":\"integer\"},{\"name\":\"price\",\"type\":\"number\"},"
            + "{\"name\":\"doc\",\"type\":\"json\"}]");
    String models = "/api/v1/apps/" + app + "/models";
    String model = models + "/items";
    String records = model + "/records";
    String id = Api.json(api.post(records, "{\"name\":\"one\",\"qty\":1}")).get("id").asString();
    String record = records + "/" + id;
    JsonNode modelBefore = Api.json(api.get(model));
    JsonNode recordBefore = Api.json(api.get(record));
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String huge = "{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";

    List<Object[]> cases = new ArrayList<>();
    // malformed JSON, wrong shapes, unknown fields, oversize bodies, on every write endpoint
    for (String[] write :
        new String[][] {
          {"POST", models},
          {"PATCH", model},
          {"POST", records},
          {"POST", records + "/bulk"},
          {"PUT", record},
          {"PATCH", record}
        }) {
      cases.add(new Object[] {write[0], write[1], "{\"name\": ", Map.of()});
      cases.add(new Object[] {write[0], write[1], "[1, 2]", Map.of()});
      cases.add(new Object[] {write[0], write[1], "{\"fields\": 5, \"unknown\": true}", Map.of()});
      cases.add(new Object[] {write[0], write[1], "", Map.of()});
      cases.add(new Object[] {write[0], write[1], "name=x", Map.of("Content-Type", "text/plain")});
      cases.add(new Object[] {write[0], write[1], huge, Map.of()});
      cases.add(new Object[] {write[0], write[1], "{\"doc\": " + deep + "}", Map.of()});
    }
    // wrong types and values of records
    for (String body :
        List.of(
            "{\"qty\": 9223372036854775808}",
            "{\"qty\": \"1\"}",
            "{\"price\": 1e400}",
            "{\"name\": 5}",
            "{\"name\": \"nul\\u0000\"}",
            "{\"doc\": {\"k\\u0000\": 1}}",
            "{\"id\": \"" + id + "\"}")) {
      cases.add(new Object[] {"POST", records, body, Map.of()});
      cases.add(new Object[] {"PATCH", record, body, Map.of()});
    }
    cases.add(
        new Object[] {"POST", records + "/bulk", "{\"records\": [{\"qty\": \"x\"}]}", Map.of()});
    // bad model and field names, and model definitions
    cases.add(new Object[] {"POST", models, "{\"name\": \"Bad-Name\", \"fields\": []}", Map.of()});
    cases.add(
        new Object[] {
          "POST", models, "{\"name\": \"" + "m".repeat(64) + "\", \"fields\": []}", Map.of()
        });
    cases.add(
        new Object[] {
          "POST",
          models,
          "{\"name\": \"ok\", \"fields\": [{\"name\": \"1x\", \"type\": \"string\"}]}",
          Map.of()
        });
    cases.add(
        new Object[] {
          "POST",
          models,
          "{\"name\": \"ok\", \"fields\": [{\"name\": \"createdAt\", \"type\": \"string\"}]}",
          Map.of()
        });
    cases.add(
        new Object[] {
          "POST",
          models,
          "{\"name\": \"ok\", \"fields\": [{\"name\": \"a\", \"type\": \"string\", \"size\": 3}]}",
          Map.of()
        });
    cases.add(
        new Object[] {
          "PATCH", model, "{\"fields\": [{\"name\": \"name\", \"type\": \"integer\"}]}", Map.of()
        });
    cases.add(new Object[] {"PATCH", model + "?force=maybe", "{\"fields\": []}", Map.of()});
    cases.add(new Object[] {"PATCH", model, "{\"fields\": []}", Map.of("If-Match", "garbage")});
    cases.add(new Object[] {"PATCH", model, "{\"fields\": []}", Map.of("If-Match", "\"99\"")});
    cases.add(new Object[] {"GET", models + "/Bad-Name", null, Map.of()});
    cases.add(new Object[] {"GET", models + "/" + "m".repeat(300), null, Map.of()});
    cases.add(new Object[] {"GET", models + "?limit=0", null, Map.of()});
    cases.add(new Object[] {"GET", models + "?cursor=%25%25%25", null, Map.of()});
    cases.add(new Object[] {"GET", models + "?cursor=IQ", null, Map.of()});
    // record ids and If-Match
    cases.add(new Object[] {"GET", records + "/not-an-id", null, Map.of()});
    cases.add(new Object[] {"DELETE", records + "/" + id.toUpperCase(), null, Map.of()});
    cases.add(new Object[] {"PATCH", record, "{\"qty\": 2}", Map.of("If-Match", "W/\"1\"")});
    cases.add(new Object[] {"DELETE", record, null, Map.of("If-Match", "\"2\"")});
    // malformed queries
    for (String query :
        List.of(
            "filter=qty",
            "filter=qty:gtx:1",
            "filter=nope:eq:1",
            "filter=qty:eq:abc",
            "filter=price:gt:NaN",
            "filter=doc:eq:1",
            "filter=qty:contains:1",
            "filter=name:in:a%5Cb",
            "filter=qty:isNull:maybe",
            "filter=id:eq:123",
            "sort=nope",
            "sort=doc",
            "sort=qty&sort=name",
            "limit=0",
            "limit=501",
            "limit=ten",
            "count=yes",
            "cursor=garbage",
            "cursor=" + "A".repeat(5000),
            "page=2")) {
      cases.add(new Object[] {"GET", records + "?" + query, null, Map.of()});
    }

    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> answer =
          api.send((String) c[0], (String) c[1], (String) c[2], (Map<String, String>) c[3]);
      String what = c[0] + " " + shorten((String) c[1]) + " " + shorten((String) c[2]);
      assertThat(answer.statusCode()).as(what).isBetween(400, 499);
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(what)
          .hasValue("application/problem+json");
    }

    assertThat(Api.json(api.get(model))).isEqualTo(modelBefore);
    assertThat(Api.json(api.get(record))).isEqualTo(recordBefore);
    JsonNode all = Api.json(api.get(records + "?count=true"));
    assertThat(all.get("total").asLong()).isEqualTo(1);
    assertThat(Api.json(api.get(models)).get("items").size()).isEqualTo(1);
  }

  @Test
  void aBadFilterIsNamedWithItsPositionAndReason() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "items", "[{\"name\":\"price\",\"type\":\"number\"}]");

    var answer =
        api.get(
            "/api/v1/apps/"
                + app
                + "/models/items/records?filter=price:gte:1&filter=price:lt:9&filter=price:gtx:3");

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = Api.json(answer).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("filter[2]");
    assertThat(error.get("reason").asString()).startsWith("unknown operator 'gtx'");
  }

  private static String shorten(String text) {
    return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
