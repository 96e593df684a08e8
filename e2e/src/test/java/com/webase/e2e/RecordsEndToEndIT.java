package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14's acceptance, end to end: a program manages an app's models and records through a
 * gateway with real API tokens; records-service learns the app from apps-service's events; real
 * PostgreSQL and Kafka.
 */
class RecordsEndToEndIT {

  private static final String EVERY_TYPE =
      """
      {"name": "products", "fields": [
        {"name": "title", "type": "string", "required": true, "maxLength": 40},
        {"name": "notes", "type": "text"},
        {"name": "quantity", "type": "integer", "min": 0, "max": 100000},
        {"name": "price", "type": "number", "min": 0},
        {"name": "active", "type": "boolean", "default": true},
        {"name": "releasedOn", "type": "date"},
        {"name": "checkedAt", "type": "datetime"},
        {"name": "contact", "type": "email"},
        {"name": "homepage", "type": "url"},
        {"name": "status", "type": "enum", "values": ["draft", "live", "retired"]},
        {"name": "extra", "type": "json"},
        {"name": "sku", "type": "string", "unique": true}
      ]}
      """;

  private static Platform platform;
  private static String b;
  private static Person ada;
  private static Person bob;

  @BeforeAll
  static void start() throws Exception {
    platform = Platform.get();
    b = platform.gatewayB.url();
    ada = Person.create(platform, platform.gatewayA.url(), "Rita");
    bob = Person.create(platform, platform.gatewayA.url(), "Rob");
  }

  @AfterAll
  static void closeBrowsers() {
    for (Person person : new Person[] {ada, bob}) {
      if (person != null) {
        person.close();
      }
    }
  }

  @Test
  void everyTypeRoundTripsAndThreeInvalidFieldsAreThreeErrorsInOneAnswer() {
    String models = appWithModels(ada);
    assertThat(call(ada, "POST", models, EVERY_TYPE).statusCode()).isEqualTo(201);
    String records = models + "/products/records";
    String valid =
        """
        {"title": "Lamp", "notes": "long text", "quantity": 3, "price": 19.99, "active": false,
         "releasedOn": "2026-11-30", "checkedAt": "2026-12-01T10:15:30Z",
         "contact": "shop@example.org", "homepage": "https://example.org/lamp",
         "status": "live", "extra": {"tags": ["a", "b"], "n": 1}, "sku": "L-1"}
        """;

    var created = call(ada, "POST", records, valid);

    assertThat(created.statusCode()).as(Api.text(created)).isEqualTo(201);
    JsonNode record =
        Api.json(call(ada, "GET", records + "/" + Api.json(created).get("id").asString(), null));
    assertThat(record.get("quantity").isIntegralNumber()).isTrue();
    assertThat(record.get("price").asDouble()).isEqualTo(19.99);
    assertThat(record.get("active").isBoolean()).isTrue();
    assertThat(record.get("releasedOn").asString()).isEqualTo("2026-11-30");
    assertThat(record.get("extra").get("tags").size()).isEqualTo(2);
    assertThat(record.get("status").asString()).isEqualTo("live");
    assertThat(record.has("createdAt")).isTrue();

    var invalid =
        call(
            ada,
            "POST",
            records,
            "{\"title\": \"x\", \"quantity\": -1, \"contact\": \"nope\", \"status\": \"gone\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(Api.json(invalid).get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("quantity", "contact", "status");
  }

  @Test
  void twentyConcurrentCreatesOfOneUniqueValueMakeExactlyOneRecord() throws Exception {
    String models = appWithModels(ada);
    call(ada, "POST", models, EVERY_TYPE);
    String records = models + "/products/records";
    List<Integer> statuses = new ArrayList<>();
    try (var clients = Executors.newFixedThreadPool(20)) {
      List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        answers.add(
            clients.submit(
                () ->
                    call(ada, "POST", records, "{\"title\": \"t" + n + "\", \"sku\": \"SAME\"}")));
      }
      for (var answer : answers) {
        statuses.add(answer.get().statusCode());
      }
    }

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
  }

  @Test
  void filtersSortAndCursorPagesMatchAnIndependentComputationAlsoWhileRecordsAreAdded() {
    String models = appWithModels(ada);
    call(
        ada,
        "POST",
        models,
        "{\"name\": \"items\", \"fields\": [{\"name\": \"n\", \"type\": \"integer\"}, {\"name\": \"kind\", \"type\": \"enum\", \"values\": [\"a\", \"b\", \"c\"]}]}");
    String records = models + "/items/records";
    // what was written, as the test itself knows it: the independent side of the comparison
    record Written(String id, int n, String kind) {}
    List<Written> fixture = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      StringBuilder body = new StringBuilder("{\"records\": [");
      List<int[]> values = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = (batch * 400 + i) * 7919 % 1000;
        int kind = (batch * 400 + i) % 3;
        values.add(new int[] {n, kind});
        body.append(i == 0 ? "" : ",")
            .append("{\"n\": ")
            .append(n)
            .append(", \"kind\": \"")
            .append("abc".charAt(kind))
            .append("\"}");
      }
      var bulk = call(ada, "POST", records + "/bulk", body.append("]}").toString());
      assertThat(bulk.statusCode()).as(Api.text(bulk)).isEqualTo(201);
      JsonNode items = Api.json(bulk).get("items");
      for (int i = 0; i < 400; i++) {
        fixture.add(
            new Written(
                items.get(i).get("id").asString(),
                values.get(i)[0],
                String.valueOf("abc".charAt(values.get(i)[1]))));
      }
    }

    List<String> expected =
        fixture.stream()
            .filter(r -> r.n() >= 250 && !r.kind().equals("b"))
            .sorted(
                Comparator.<Written>comparingInt(r -> -r.n())
                    .thenComparing(Written::id, Comparator.reverseOrder()))
            .map(Written::id)
            .toList();
    List<String> paged =
        pages(records + "?filter=n:gte:250&filter=kind:ne:b&sort=-n&limit=37", null).stream()
            .map(r -> r.get("id").asString())
            .toList();
    assertThat(paged).containsExactlyElementsOf(expected);

    // paging by n while new records arrive: no record that was there before is repeated or lost
    Set<String> before = new HashSet<>(fixture.stream().map(Written::id).toList());
    List<JsonNode> whileInserting =
        pages(
            records + "?sort=n&limit=50",
            () ->
                call(
                    ada,
                    "POST",
                    records,
                    "{\"n\": " + (int) (Math.random() * 1000) + ", \"kind\": \"a\"}"));
    List<String> seen = whileInserting.stream().map(r -> r.get("id").asString()).toList();
    assertThat(new LinkedHashSet<>(seen)).as("no duplicates").hasSize(seen.size());
    assertThat(seen).containsAll(before);
  }

  @Test
  void aBulkOf500WithOneBadItemWritesNothingAndNamesIt() {
    String models = appWithModels(ada);
    call(
        ada,
        "POST",
        models,
        "{\"name\": \"rows\", \"fields\": [{\"name\": \"v\", \"type\": \"integer\", \"required\": true}]}");
    StringBuilder body = new StringBuilder("{\"records\": [");
    for (int i = 0; i < 500; i++) {
      body.append(i == 0 ? "" : ",").append(i == 123 ? "{\"v\": \"x\"}" : "{\"v\": " + i + "}");
    }

    var refused = call(ada, "POST", models + "/rows/records/bulk", body.append("]}").toString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Api.json(refused).get("errors").get(0).get("field").asString())
        .isEqualTo("records[123].v");
    assertThat(
            Api.json(call(ada, "GET", models + "/rows/records?count=true", null))
                .get("total")
                .asLong())
        .isZero();
  }

  @Test
  void anotherPersonFindsNothingAReadTokenCannotWriteAndADeletedAppTakesItsModelsWithIt() {
    String app = createApp(ada);
    String models = awaitModels(ada, app);
    call(
        ada,
        "POST",
        models,
        "{\"name\": \"notes\", \"fields\": [{\"name\": \"text\", \"type\": \"string\"}]}");
    String id =
        Api.json(call(ada, "POST", models + "/notes/records", "{\"text\": \"mine\"}"))
            .get("id")
            .asString();

    for (String[] request :
        new String[][] {
          {"GET", models},
          {"POST", models},
          {"GET", models + "/notes"},
          {"PATCH", models + "/notes"},
          {"DELETE", models + "/notes"},
          {"GET", models + "/notes/records"},
          {"POST", models + "/notes/records"},
          {"POST", models + "/notes/records/bulk"},
          {"GET", models + "/notes/records/" + id},
          {"PUT", models + "/notes/records/" + id},
          {"PATCH", models + "/notes/records/" + id},
          {"DELETE", models + "/notes/records/" + id}
        }) {
      // bodies that are valid for the endpoint: the answer must be about the app, not the body
      String body =
          switch (request[0]) {
            case "GET", "DELETE" -> null;
            default ->
                request[1].endsWith("/models")
                    ? "{\"name\": \"bobs\", \"fields\": []}"
                    : request[1].endsWith("/notes")
                        ? "{\"fields\": [{\"name\": \"text\", \"type\": \"string\"}]}"
                        : request[1].endsWith("/bulk")
                            ? "{\"records\": [{\"text\": \"bob\"}]}"
                            : "{\"text\": \"bob\"}";
          };
      assertThat(call(bob, request[0], request[1], body).statusCode())
          .as(request[0] + " " + request[1])
          .isEqualTo(404);
    }
    String readOnly = ada.namedToken(List.of("records:read"));
    assertThat(Api.call("GET", b, models + "/notes/records/" + id, readOnly, null).statusCode())
        .isEqualTo(200);
    var write = Api.call("POST", b, models + "/notes/records", readOnly, "{\"text\": \"no\"}");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(Api.text(write)).contains("insufficient-scope");

    assertThat(call(ada, "DELETE", "/api/v1/apps/" + app, null).statusCode()).isEqualTo(204);
    long deleted = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> call(ada, "GET", models, null).statusCode() == 404);
    System.out.printf(
        "[e2e] an app's models disappeared %.0f ms after its deletion%n",
        (System.nanoTime() - deleted) / 1e6);
    assertThat(call(ada, "GET", models + "/notes/records/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aFieldIsAddedToAModelWithDataAndARetypeIsRefusedUnlessForced() {
    String models = appWithModels(ada);
    call(
        ada,
        "POST",
        models,
        "{\"name\": \"tasks\", \"fields\": [{\"name\": \"title\", \"type\": \"string\"}, {\"name\": \"due\", \"type\": \"string\"}]}");
    call(ada, "POST", models + "/tasks/records", "{\"title\": \"write\", \"due\": \"soon\"}");

    var added =
        call(
            ada,
            "PATCH",
            models + "/tasks",
            "{\"fields\": [{\"name\": \"title\", \"type\": \"string\"}, {\"name\": \"due\", \"type\": \"string\"}, {\"name\": \"done\", \"type\": \"boolean\", \"default\": false}]}");
    var retyped =
        call(
            ada,
            "PATCH",
            models + "/tasks",
            "{\"fields\": [{\"name\": \"title\", \"type\": \"string\"}, {\"name\": \"due\", \"type\": \"date\"}, {\"name\": \"done\", \"type\": \"boolean\", \"default\": false}]}");
    var forced =
        call(
            ada,
            "PATCH",
            models + "/tasks?force=true",
            "{\"fields\": [{\"name\": \"title\", \"type\": \"string\"}, {\"name\": \"due\", \"type\": \"date\"}, {\"name\": \"done\", \"type\": \"boolean\", \"default\": false}]}");

    assertThat(added.statusCode()).as(Api.text(added)).isEqualTo(200);
    assertThat(retyped.statusCode()).isEqualTo(409);
    assertThat(Api.text(retyped)).contains("due");
    assertThat(forced.statusCode()).as(Api.text(forced)).isEqualTo(200);
    assertThat(
            call(
                    ada,
                    "POST",
                    models + "/tasks/records",
                    "{\"title\": \"ship\", \"due\": \"2030-01-31\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void badInputThroughTheGatewayIsA4xxProblemAndChangesNothing() {
    String models = appWithModels(ada);
    call(
        ada,
        "POST",
        models,
        "{\"name\": \"things\", \"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}");
    String records = models + "/things/records";
    call(ada, "POST", records, "{\"n\": 1}");
    String before =
        Api.text(call(ada, "GET", records + "?count=true", null))
            + Api.text(call(ada, "GET", models + "/things", null));

    for (String[] c :
        new String[][] {
          {"POST", models, "{\"name\": \"Bad Name\", \"fields\": []}"},
          {
            "POST",
            models,
            "{\"name\": \"x\", \"fields\": [{\"name\": \"a\", \"type\": \"strin\"}]}"
          },
          {"POST", records, "{\"n\": "},
          {"POST", records, "{\"n\": \"one\"}"},
          {"POST", records, "{\"n\": 1, \"extra\": 2}"},
          {"GET", records + "?filter=n:gtx:1", null},
          {"GET", records + "?filter=nope:eq:1", null},
          {"GET", records + "?cursor=not-a-cursor", null},
          {"GET", records + "?limit=501", null},
          {"PATCH", models + "/things", "{\"fields\": 5}"},
          {"GET", records + "/not-an-id", null}
        }) {
      var response = call(ada, c[0], c[1], c[2]);
      assertThat(response.statusCode()).as(c[0] + " " + c[1] + " " + c[2]).isBetween(400, 499);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(c[1])
          .hasValue("application/problem+json");
    }
    assertThat(
            Api.text(call(ada, "GET", records + "?count=true", null))
                + Api.text(call(ada, "GET", models + "/things", null)))
        .isEqualTo(before);
  }

  /** Every record of a list, page after page; {@code between} runs between two pages. */
  private static List<JsonNode> pages(String first, Runnable between) {
    List<JsonNode> all = new ArrayList<>();
    String next = first;
    while (next != null) {
      JsonNode page = Api.json(call(ada, "GET", next, null));
      page.get("items").forEach(all::add);
      String cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      next = cursor == null ? null : first + "&cursor=" + cursor;
      if (between != null) {
        between.run();
      }
    }
    return Collections.unmodifiableList(all);
  }

  private static String appWithModels(Person person) {
    return awaitModels(person, createApp(person));
  }

  private static String createApp(Person person) {
    var created =
        call(
            person,
            "POST",
            "/api/v1/apps",
            "{\"name\": \"Records " + UUID.randomUUID().toString().substring(0, 6) + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    return Api.json(created).get("id").asString();
  }

  /** The app's models path, once records-service has learnt of the app from apps-service. */
  private static String awaitModels(Person person, String app) {
    String models = "/api/v1/apps/" + app + "/models";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> call(person, "GET", models, null).statusCode() == 200);
    return models;
  }

  private static HttpResponse<byte[]> call(Person person, String method, String path, String json) {
    return Api.call(method, b, path, person.token(), json);
  }
}
