package com.webase.records.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.Topics;
import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import com.webase.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RecordsServiceTest
class RecordEventsIT {

  @LocalServerPort int port;

  @Test
  void modelAndRecordChangesArePublishedInOrderKeyedByTheApp() {
    Api api = Api.newUser(port);
    String app = api.newApp();
    try (TopicReader topic = new TopicReader(Topics.RECORDS)) {
      api.newModel(app, "notes", "[{\"name\":\"text\",\"type\":\"string\"}]");
      String records = "/api/v1/apps/" + app + "/models/notes/records";
      String id = Api.json(api.post(records, "{\"text\":\"a\"}")).get("id").asString();
      api.send("PATCH", records + "/" + id, "{\"text\":\"b\"}", Map.of());
      api.send("DELETE", records + "/" + id, null, Map.of());
      var refused = api.post(records, "{\"text\":5}");
      assertThat(refused.statusCode()).isEqualTo(400);

      List<ConsumerRecord<String, byte[]>> ofApp =
          Awaitility.await("four events of the app")
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> topic.poll().stream().filter(r -> app.equals(r.key())).toList(),
                  events -> events.size() >= 4);

      assertThat(ofApp.stream().map(r -> TopicReader.header(r, "ce_type")))
          .containsExactly(
              "com.webase.records.ModelCreated",
              "com.webase.records.RecordCreated",
              "com.webase.records.RecordUpdated",
              "com.webase.records.RecordDeleted");
      JsonNode deleted =
          Api.JSON.readTree(new String(ofApp.get(3).value(), StandardCharsets.UTF_8));
      assertThat(deleted.get("recordId").asString()).isEqualTo(id);
      assertThat(deleted.get("ownerId").asString()).isEqualTo(api.userId());
      assertThat(deleted.get("model").asString()).isEqualTo("notes");
    }
  }
}
