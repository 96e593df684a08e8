package com.webase.apps.chat;

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
import tools.jackson.databind.json.JsonMapper;

/** Chat refinement with the built-in refiner, end to end inside the service (Kafka-driven). */
@AppsServiceTest
class ChatIT {

  private static final JsonMapper json = new JsonMapper();

  @LocalServerPort int port;

  private static final String INDEX =
      """
      <!DOCTYPE html>
      <html>
      <head><title>Shop</title></head>
      <body>
      <h1>Hello</h1>
      </body>
      </html>
      """;

  @Test
  void aMessageWithADiffChangesTheFileAsANewRevisionAndTheReplySaysWhat() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Chat diff");
    ada.put(app, "index.html", INDEX);
    String message =
        """
        Please change the greeting:
        ```diff
        --- a/index.html
        +++ b/index.html
        @@ -4,3 +4,3 @@
         <body>
        -<h1>Hello</h1>
        +<h1>Welcome</h1>
         </body>
        ```
        """;

    var posted = post(ada, app, message);

    assertThat(posted.status()).isEqualTo(202);
    assertThat(posted.json().get("role").asString()).isEqualTo("user");
    JsonNode reply = awaitReplyTo(ada, app, posted.json().get("id").asString());
    assertThat(reply.get("revision").asInt()).isEqualTo(2);
    assertThat(reply.get("content").asString()).contains("index.html").contains("revision 2");
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text())
        .contains("<h1>Welcome</h1>")
        .doesNotContain("<h1>Hello</h1>");
  }

  @Test
  void aPatchThatDoesNotApplyChangesNothingAndTheReplySaysWhy() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Chat bad diff");
    ada.put(app, "index.html", INDEX);
    String message =
        """
        ```diff
        --- a/index.html
        +++ b/index.html
        @@ -5,1 +5,1 @@
        -<h1>Goodbye</h1>
        +<h1>Welcome</h1>
        ```
        """;

    var posted = post(ada, app, message);

    JsonNode reply = awaitReplyTo(ada, app, posted.json().get("id").asString());
    assertThat(reply.get("revision").isNull()).isTrue();
    assertThat(reply.get("content").asString())
        .startsWith("Nothing was changed")
        .contains("index.html")
        .contains("<h1>Goodbye</h1>");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(1);
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text()).isEqualTo(INDEX);
  }

  @Test
  void aChangeOverTheLimitsIsRefusedWholeWithItsReason() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Chat limits");
    ada.put(app, "index.html", INDEX);
    String message = "```json\n{\"index.html\": \"<p>new</p>\", \"../escape.txt\": \"x\"}\n```";

    var posted = post(ada, app, message);

    JsonNode reply = awaitReplyTo(ada, app, posted.json().get("id").asString());
    assertThat(reply.get("content").asString())
        .startsWith("Nothing was changed")
        .contains("../escape.txt");
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text()).isEqualTo(INDEX);
  }

  @Test
  void aPostedMessageIsOnKafkaForAnyBuilderAndSoIsTheReply() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Chat events");
    try (var reader = new TopicReader(Topics.APPS)) {
      var posted = post(ada, app, "Make it blue, please.");
      String id = posted.json().get("id").asString();

      JsonNode reply = awaitReplyTo(ada, app, id);

      assertThat(reply.get("content").asString()).contains("diff");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.poll().stream()
                          .filter(r -> app.equals(r.key()))
                          .filter(
                              r ->
                                  "com.webase.apps.ChatMessagePosted"
                                      .equals(TopicReader.header(r, "ce_type")))
                          .count()
                      == 2);
      JsonNode first =
          json.readTree(
              new String(
                  reader.poll().stream()
                      .filter(r -> app.equals(r.key()))
                      .filter(
                          r ->
                              "com.webase.apps.ChatMessagePosted"
                                  .equals(TopicReader.header(r, "ce_type")))
                      .findFirst()
                      .orElseThrow()
                      .value(),
                  StandardCharsets.UTF_8));
      assertThat(first.get("messageId").asString()).isEqualTo(id);
      assertThat(first.get("role").asString()).isEqualTo("user");
      assertThat(first.get("content").asString()).isEqualTo("Make it blue, please.");
      assertThat(first.get("ownerId").asString()).isEqualTo(ada.userId());
    }
  }

  @Test
  void anAssistantMessagePostedThroughTheApiChangesNothingAndGetsNoReply() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Chat builder");

    var posted =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/chat/messages",
            "{\"role\":\"assistant\",\"content\":\"I made the page blue.\"}");

    assertThat(posted.status()).isEqualTo(202);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                ada.get("/api/v1/apps/" + app + "/chat/messages").json().get("items").size() == 1);
  }

  @Test
  void anotherPersonCannotReadOrPostToTheChat() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String app = ada.createApp("Chat private");
    post(ada, app, "hello");

    assertThat(bob.get("/api/v1/apps/" + app + "/chat/messages").status()).isEqualTo(404);
    assertThat(post(bob, app, "hi").status()).isEqualTo(404);
    assertThat(
            ada.withScopes("apps:read")
                .json("POST", "/api/v1/apps/" + app + "/chat/messages", "{\"content\":\"x\"}")
                .status())
        .isEqualTo(403);
  }

  private static Caller.Response post(Caller caller, String app, String content) {
    return caller.json(
        "POST",
        "/api/v1/apps/" + app + "/chat/messages",
        json.writeValueAsString(java.util.Map.of("content", content)));
  }

  private static JsonNode awaitReplyTo(Caller caller, String app, String messageId) {
    JsonNode[] reply = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (JsonNode item :
                  caller.get("/api/v1/apps/" + app + "/chat/messages").json().get("items")) {
                if (messageId.equals(item.path("replyTo").asString(null))) {
                  reply[0] = item;
                  return true;
                }
              }
              return false;
            });
    assertThat(reply[0].get("role").asString()).isEqualTo("assistant");
    return reply[0];
  }
}
