package com.webase.apps.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.webase.apps.support.Caller;
import com.webase.testkit.spring.WebaseServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * apps-service configured with the AI-backed refiner ({@code webase.apps.chat.refiner=ai}) against
 * a local server that speaks the chat-completions protocol with a recorded answer: the model's
 * files become one revision and its reply the assistant's message; an outage becomes a reply that
 * says so, and nothing changes.
 */
@WebaseServiceTest
// a service of its own beside the other tests' apps-service (same JVM, same servers): its own
// database and consumer groups, or the two would answer each other's messages
@TestPropertySource(
    properties = {
      "spring.application.name=apps-service-ai",
      "webase.apps.consumer-group=apps-service-ai"
    })
class AiRefinerIT {

  private static final JsonMapper json = new JsonMapper();
  private static final AtomicInteger status = new AtomicInteger(200);
  private static final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private static HttpServer model;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void aiRefiner(DynamicPropertyRegistry registry) throws IOException {
    model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    model.createContext(
        "/v1/chat/completions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body;
          try (InputStream recorded =
              AiRefinerIT.class.getResourceAsStream("/refining/chat-completions/change.json")) {
            body =
                status.get() == 200
                    ? recorded.readAllBytes()
                    : "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    model.start();
    registry.add("webase.apps.chat.refiner", () -> "ai");
    registry.add(
        "webase.apps.chat.ai.base-url",
        () -> "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
    registry.add("webase.apps.chat.ai.model", () -> "recorded-model");
    registry.add("webase.apps.chat.ai.api-key", () -> "sk-test-not-a-secret");
    registry.add("webase.apps.chat.ai.timeout", () -> "5s");
  }

  @AfterAll
  static void stopModel() {
    model.stop(0);
  }

  @Test
  void theModelsFilesBecomeOneRevisionAndItsReplyTheAnswer() {
    status.set(200);
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("AI refined");
    ada.put(app, "index.html", "<h1>Hello</h1>");
    ada.put(app, "old.css", "h1 {}");

    JsonNode reply = post(ada, app, "Make the heading blue and move the script out.");

    assertThat(reply.get("content").asString()).startsWith("I made the heading blue");
    assertThat(reply.get("revision").asInt()).isEqualTo(3);
    assertThat(lastAuthorization.get()).isEqualTo("Bearer sk-test-not-a-secret");
    assertThat(
            ada.get("/api/v1/apps/" + app + "/files")
                .json()
                .get("items")
                .findValuesAsString("path"))
        .containsExactly("app.js", "index.html");
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text()).contains("color: blue");
  }

  @Test
  void anOutageIsAReplyThatSaysSoAndChangesNothing() {
    status.set(503);
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("AI down");
    ada.put(app, "index.html", "<h1>Hello</h1>");

    JsonNode reply = post(ada, app, "Make it blue.");

    assertThat(reply.get("content").asString()).contains("unavailable").contains("503");
    assertThat(reply.get("revision").isNull()).isTrue();
    assertThat(reply.get("content").asString()).doesNotContain("sk-test");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(1);
  }

  private static JsonNode post(Caller caller, String app, String content) {
    var posted =
        caller.json(
            "POST",
            "/api/v1/apps/" + app + "/chat/messages",
            json.writeValueAsString(Map.of("content", content)));
    assertThat(posted.status()).isEqualTo(202);
    String id = posted.json().get("id").asString();
    JsonNode[] reply = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (JsonNode item :
                  caller.get("/api/v1/apps/" + app + "/chat/messages").json().get("items")) {
                if (id.equals(item.path("replyTo").asString(null))) {
                  reply[0] = item;
                  return true;
                }
              }
              return false;
            });
    return reply[0];
  }
}
