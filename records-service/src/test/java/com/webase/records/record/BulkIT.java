package com.webase.records.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.Topics;
import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import com.webase.testkit.TopicReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RecordsServiceTest
class BulkIT {

  @LocalServerPort int port;

  private Api api;
  private String app;
  private String records;

  @BeforeEach
  void anAppWithAModel() {
    api = Api.newUser(port);
    app = api.newApp();
    api.newModel(
        app,
        "readings",
        "[{\"name\":\"sensor\",\"type\":\"string\",\"required\":true},"
            + "{\"name\":\"value\",\"type\":\"number\"},"
            + "{\"name\":\"serial\",\"type\":\"integer\",\"unique\":true}]");
    records = "/api/v1/apps/" + app + "/models/readings/records";
  }

  @Test
  void fiveHundredRecordsWithOneBadItemWriteNothingAndNameTheItem() {
    var refused = api.post(records + "/bulk", bulk(500, 317));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode errors = Api.json(refused).get("errors");
    assertThat(errors.size()).isEqualTo(1);
    assertThat(errors.get(0).get("field").asString()).isEqualTo("records[317].value");
    assertThat(Api.json(api.get(records + "?count=true")).get("total").asLong()).isZero();
  }

  @Test
  void fiveHundredValidRecordsAreAllWrittenAndAnnouncedInOneEvent() {
    try (TopicReader topic = new TopicReader(Topics.RECORDS)) {
      var created = api.post(records + "/bulk", bulk(500, -1));

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode body = Api.json(created);
      assertThat(body.get("count").asInt()).isEqualTo(500);
      Set<String> ids = new HashSet<>();
      body.get("items").forEach(item -> ids.add(item.get("id").asString()));
      assertThat(ids).hasSize(500);
      assertThat(Api.json(api.get(records + "?count=true")).get("total").asLong()).isEqualTo(500);
      // one event for the request, naming every record it created
      Awaitility.await("one RecordsCreated keyed by the app, with the 500 ids")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  topic.poll().stream()
                      .filter(r -> app.equals(r.key()))
                      .filter(
                          r ->
                              "com.webase.records.RecordsCreated"
                                  .equals(TopicReader.header(r, "ce_type")))
                      .anyMatch(r -> idsIn(r.value()).equals(ids)));
      assertThat(
              topic.poll().stream()
                  .filter(r -> app.equals(r.key()))
                  .filter(
                      r ->
                          "com.webase.records.RecordCreated"
                              .equals(TopicReader.header(r, "ce_type"))))
          .as("no event per record")
          .isEmpty();
    }
  }

  @Test
  void aUniqueValueRepeatedWithinTheBatchOrAlreadyStoredIsNamedAndNothingIsWritten() {
    api.post(records, "{\"sensor\":\"s\",\"serial\":7}");

    var refused =
        api.post(
            records + "/bulk",
            "{\"records\":[{\"sensor\":\"a\",\"serial\":1},{\"sensor\":\"b\",\"serial\":7},"
                + "{\"sensor\":\"c\",\"serial\":1}]}");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(RecordTypesIT.fields(refused))
        .containsExactlyInAnyOrder("records[1].serial", "records[2].serial");
    assertThat(Api.json(api.get(records + "?count=true")).get("total").asLong()).isEqualTo(1);
  }

  @Test
  void anEmptyOrOversizedBatchIsRefused() {
    assertThat(api.post(records + "/bulk", "{\"records\":[]}").statusCode()).isEqualTo(400);
    assertThat(api.post(records + "/bulk", bulk(501, -1)).statusCode()).isEqualTo(400);
    assertThat(api.post(records + "/bulk", "[{\"sensor\":\"a\"}]").statusCode()).isEqualTo(400);
    assertThat(api.post(records + "/bulk", "{\"records\":[],\"more\":1}").statusCode())
        .isEqualTo(400);
    assertThat(Api.json(api.get(records + "?count=true")).get("total").asLong()).isZero();
  }

  /** {@code n} readings; the one at {@code bad} (if any) has a text value for a number. */
  static String bulk(int n, int bad) {
    StringBuilder json = new StringBuilder("{\"records\":[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"sensor\":\"s-")
          .append(i % 10)
          .append("\",\"value\":")
          .append(i == bad ? "\"high\"" : String.valueOf(i * 0.5))
          .append(",\"serial\":")
          .append(i)
          .append("}");
    }
    return json.append("]}").toString();
  }

  private static Set<String> idsIn(byte[] event) {
    Set<String> ids = new HashSet<>();
    new tools.jackson.databind.json.JsonMapper()
        .readTree(event)
        .get("recordIds")
        .forEach(id -> ids.add(id.asString()));
    return ids;
  }
}
