package com.webase.apps.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.apps.support.AppsServiceTest;
import com.webase.apps.support.Caller;
import com.webase.events.Topics;
import com.webase.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AppsServiceTest
class EvaluationsIT {

  @LocalServerPort int port;

  static void goodApp(Caller caller, String app) {
    caller.put(
        app,
        "index.html",
        """
        <!DOCTYPE html>
        <html>
        <head><title>Good</title><link rel="stylesheet" href="style.css"></head>
        <body>
        <h1>Good</h1>
        <script type="module" src="app.js"></script>
        </body>
        </html>
        """);
    caller.put(app, "app.js", "document.querySelector('h1').textContent = 'Hi';\n");
    caller.put(app, "style.css", "h1 { color: blue; }\n");
  }

  @Test
  void aGoodAppPassesAndWithoutTheScriptItLoadsItFailsNamingIt() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Evaluated");
    goodApp(ada, app);
    try (var reader = new TopicReader(Topics.APPS)) {
      var queued = ada.json("POST", "/api/v1/apps/" + app + "/evaluations", null);
      assertThat(queued.status()).isEqualTo(202);
      assertThat(queued.json().get("status").asString()).isEqualTo("queued");
      assertThat(queued.json().get("revision").asInt()).isEqualTo(3);
      JsonNode passed = awaitFinished(ada, queued.header("Location"));
      assertThat(passed.get("status").asString()).isEqualTo("passed");
      assertThat(passed.get("report").get("checks").findValuesAsString("name"))
          .containsExactly("entry-page", "html", "references", "json", "sizes");
      assertThat(passed.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);

      ada.delete("/api/v1/apps/" + app + "/files/app.js");
      JsonNode failed =
          awaitFinished(
              ada,
              ada.json("POST", "/api/v1/apps/" + app + "/evaluations", null).header("Location"));

      assertThat(failed.get("status").asString()).isEqualTo("failed");
      assertThat(failed.get("revision").asInt()).isEqualTo(4);
      assertThat(failed.get("report").toString()).contains("app.js");
      JsonNode references = failed.get("report").get("checks").get(2);
      assertThat(references.get("status").asString()).isEqualTo("failed");
      assertThat(references.get("findings").get(0).get("path").asString()).isEqualTo("index.html");
      assertThat(references.get("findings").get(0).get("message").asString()).contains("app.js");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.poll().stream()
                          .filter(r -> app.equals(r.key()))
                          .filter(
                              r ->
                                  "com.webase.apps.EvaluationCompleted"
                                      .equals(TopicReader.header(r, "ce_type")))
                          .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                          .filter(v -> v.contains("\"outcome\":\"failed\""))
                          .count()
                      == 1);
    }
  }

  @Test
  void evaluationsAreListedAndAnotherPersonsAreNotFound() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String app = ada.createApp("Listed");
    String location =
        ada.json("POST", "/api/v1/apps/" + app + "/evaluations", null).header("Location");
    awaitFinished(ada, location);

    assertThat(ada.get("/api/v1/apps/" + app + "/evaluations").json().get("items")).hasSize(1);
    assertThat(bob.get(location).status()).isEqualTo(404);
    assertThat(bob.json("POST", "/api/v1/apps/" + app + "/evaluations", null).status())
        .isEqualTo(404);
    assertThat(ada.get("/api/v1/apps/" + app + "/evaluations/not-an-id").problem())
        .isEqualTo("evaluation-not-found");
  }

  static JsonNode awaitFinished(Caller caller, String location) {
    JsonNode[] finished = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              finished[0] = caller.get(location).json();
              String status = finished[0].get("status").asString();
              return status.equals("passed") || status.equals("failed");
            });
    return finished[0];
  }
}
