package com.webase.apps.chat.refining;

import static com.webase.apps.chat.refining.AppFiles.change;
import static com.webase.apps.chat.refining.AppFiles.reasonNothingChanged;
import static com.webase.apps.chat.refining.AppFiles.text;
import static com.webase.apps.chat.refining.ChatCompletionsServer.recorded;
import static com.webase.apps.chat.refining.ChatCompletionsServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible refiner against a local server that speaks chat completions with recorded
 * answers: the request it sends, and what each kind of answer — or failure to answer — becomes.
 */
class OpenAiCompatibleRefinerContractTest {

  private static final String API_KEY = "sk-test-4f9a2c7e1b";
  private static final String MODEL = "qwen2.5-coder:7b";
  private static final String INDEX =
      "<!doctype html>\n<html>\n<head>\n<title>Shop</title>\n</head>\n<body>\n<h1>Hello</h1>\n"
          + "</body>\n</html>\n";

  private final JsonMapper json = JsonMapper.builder().build();
  private ChatCompletionsServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new ChatCompletionsServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private OpenAiCompatibleRefiner refiner(URI baseUrl, String apiKey, Duration timeout) {
    return new OpenAiCompatibleRefiner(
        new AiRefinerProperties(baseUrl, MODEL, apiKey, timeout, 0), RestClient.builder());
  }

  private OpenAiCompatibleRefiner refiner() {
    return refiner(server.baseUrl(), API_KEY, Duration.ofSeconds(5));
  }

  private static RefinementRequest shopRequest(String message) {
    return new RefinementRequest(
        "app-7",
        AppFiles.of("index.html", INDEX, "old.css", "h1 { color: red; }\n"),
        List.of(
            new ChatTurn("user", "Make a shop page."),
            new ChatTurn("assistant", "I created index.html with a heading.")),
        message);
  }

  @Test
  void theRequestIsAChatCompletionCarryingTheFilesTheConversationAndTheMessage() throws Exception {
    refiner().refine(shopRequest("Make the heading blue."));

    ChatCompletionsServer.Received request = server.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(request.body());
    assertThat(body.path("model").stringValue()).isEqualTo(MODEL);
    assertThat(body.path("stream").booleanValue()).isFalse();
    JsonNode messages = body.path("messages");
    assertThat(messages.valueStream().map(m -> m.path("role").stringValue()))
        .containsExactly("system", "user", "assistant", "user");
    String system = messages.path(0).path("content").stringValue();
    assertThat(system)
        .contains("\"reply\"", "\"files\"")
        .contains("<file path=\"index.html\">\n" + INDEX + "</file>")
        .contains("<file path=\"old.css\">\nh1 { color: red; }\n</file>");
    assertThat(messages.path(1).path("content").stringValue()).isEqualTo("Make a shop page.");
    assertThat(messages.path(2).path("content").stringValue())
        .isEqualTo("I created index.html with a heading.");
    assertThat(messages.path(3).path("content").stringValue()).isEqualTo("Make the heading blue.");
  }

  @Test
  void withoutAnApiKeyNoAuthorizationIsSent() throws Exception {
    refiner(server.baseUrl(), "  ", Duration.ofSeconds(5)).refine(shopRequest("Hi"));

    assertThat(server.onlyRequest().header("Authorization")).isNull();
  }

  @Test
  void aGoodAnswerBecomesAChangeWithItsFilesAndReply() {
    server.answer(recorded("change.json"));

    Refinement result = refiner().refine(shopRequest("Make the heading blue."));

    assertThat(change(result).changes()).containsOnlyKeys("index.html", "app.js", "old.css");
    assertThat(text(result, "index.html")).contains("<h1 style=\"color: blue\">Hello</h1>");
    assertThat(text(result, "app.js"))
        .isEqualTo("document.querySelector('h1').textContent += ', shoppers';\n");
    assertThat(change(result).changes().get("old.css")).isNull();
    assertThat(result.reply())
        .isEqualTo(
            "I made the heading blue and moved the script into app.js. The old stylesheet is"
                + " gone.");
  }

  @Test
  void anAnswerWrappedInAJsonFenceIsUsed() {
    server.answer(recorded("fenced-change.json"));

    Refinement result = refiner().refine(shopRequest("Add a footer."));

    assertThat(change(result).changes()).containsOnlyKeys("index.html");
    assertThat(text(result, "index.html")).isEqualTo("<h1>Hello</h1>\n<footer>© Shop</footer>\n");
    assertThat(result.reply()).isEqualTo("Added a footer.");
  }

  @Test
  void aReasoningModelsThinkingBeforeTheJsonIsSkipped() {
    server.answer(recorded("thinking.json"));

    Refinement result = refiner().refine(shopRequest("Call it Corner Shop."));

    assertThat(text(result, "index.html")).isEqualTo("<h1>Corner Shop</h1>\n");
    assertThat(result.reply()).isEqualTo("Renamed the shop.");
  }

  @Test
  void anAnswerWithoutFilesIsAReplyThatChangesNothing() {
    server.answer(recorded("question.json"));

    Refinement result = refiner().refine(shopRequest("Where is the heading?"));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The heading is in index.html, line 8. Shall I change its colour?");
  }

  @Test
  void aMalformedAnswerChangesNothingAndSaysSo() {
    server.answer(recorded("malformed.json"));

    Refinement result = refiner().refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "The AI builder's answer could not be used (not the expected JSON); nothing was"
                + " changed.");
  }

  @Test
  void anAnswerCutOffAtTheModelsOutputLimitChangesNothing() {
    server.answer(recorded("cut-off.json"));

    Refinement result = refiner().refine(shopRequest("Rewrite the page."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "The AI builder's answer could not be used (it was cut off at the model's output"
                + " limit); nothing was changed.");
  }

  @Test
  void aPageThatIsNotAChatCompletionChangesNothing() {
    server.answer(status(200, "text/html", "<html><body>Please log in</body></html>"));

    Refinement result = refiner().refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo(
            "The AI builder's answer could not be used (not a chat-completions response); nothing"
                + " was changed.");
  }

  @Test
  void aServerErrorSaysTheBuilderIsUnavailable() {
    server.answer(
        status(500, "application/json", ChatCompletionsServer.resource("server-error.json")));

    Refinement result = refiner().refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The AI builder is unavailable (HTTP 500); nothing was changed.");
  }

  @Test
  void aRefusedRequestSaysSoWithItsStatus() {
    server.answer(status(401, "application/json", "{\"error\": {\"message\": \"bad key\"}}"));

    Refinement result = refiner().refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The AI builder refused the request (HTTP 401); nothing was changed.");
  }

  @Test
  @Timeout(20)
  void aServerThatNeverAnswersTimesOutAndSaysSo() {
    server.answer(server.silence());
    long started = System.nanoTime();

    Refinement result =
        refiner(server.baseUrl(), API_KEY, Duration.ofSeconds(1))
            .refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The AI builder did not answer within 1 s; nothing was changed.");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @Timeout(20)
  void aServerThatStopsInTheMiddleOfItsAnswerTimesOutToo() {
    server.answer(server.stallingMidAnswer());

    Refinement result =
        refiner(server.baseUrl(), API_KEY, Duration.ofSeconds(1))
            .refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The AI builder did not answer within 1 s; nothing was changed.");
  }

  @Test
  void aRefusedConnectionSaysTheBuilderIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Refinement result =
        refiner(
                URI.create("http://127.0.0.1:" + closedPort + "/v1"),
                API_KEY,
                Duration.ofSeconds(5))
            .refine(shopRequest("Make the heading blue."));

    assertThat(reasonNothingChanged(result))
        .isEqualTo("The AI builder is unavailable (connection refused); nothing was changed.");
  }

  @Test
  void filesThatAreNotTextAreNotSentButNamed() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    RefinementRequest request =
        new RefinementRequest(
            "app-7", Map.of("index.html", INDEX.getBytes(), "logo.png", png), List.of(), "Hi");

    refiner().refine(request);

    String system =
        json.readTree(server.onlyRequest().body())
            .path("messages")
            .path(0)
            .path("content")
            .stringValue();
    assertThat(system)
        .contains("<file path=\"index.html\">")
        .doesNotContain("<file path=\"logo.png\">")
        .contains("Not shown because they are not text (images, fonts and the like): logo.png");
  }

  @Test
  void filesOverThePromptLimitAreNamedToTheModelAndInTheReply() throws Exception {
    server.answer(recorded("question.json"));
    OpenAiCompatibleRefiner refiner =
        new OpenAiCompatibleRefiner(
            new AiRefinerProperties(server.baseUrl(), MODEL, null, Duration.ofSeconds(5), 1_000),
            RestClient.builder());
    RefinementRequest request =
        new RefinementRequest(
            "app-7",
            AppFiles.of("a.js", "x".repeat(600), "b.js", "y".repeat(600), "c.css", "p {}\n"),
            List.of(),
            "Where is the heading?");

    Refinement result = refiner.refine(request);

    String system =
        json.readTree(server.onlyRequest().body())
            .path("messages")
            .path(0)
            .path("content")
            .stringValue();
    assertThat(system)
        .contains("<file path=\"a.js\">", "<file path=\"c.css\">")
        .doesNotContain("<file path=\"b.js\">")
        .contains("Not shown because the prompt has no room for them: b.js (600 bytes)");
    assertThat(result.reply())
        .isEqualTo(
            "The heading is in index.html, line 8. Shall I change its colour?\n\n(The AI builder"
                + " did not see b.js (600 bytes): the prompt had no room for it.)");
  }

  @Test
  void theApiKeyAppearsInNoReplyAndNoLogLine() {
    Logger logger = (Logger) LoggerFactory.getLogger(OpenAiCompatibleRefiner.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      List<String> replies =
          List.of(
                  status(
                      401,
                      "application/json",
                      "{\"error\": \"Incorrect API key " + API_KEY + "\"}"),
                  status(500, "text/plain", "key " + API_KEY),
                  status(200, "application/json", "{\"choices\": \"" + API_KEY + "\"}"),
                  recorded("malformed.json"))
              .stream()
              .map(
                  answer -> {
                    server.answer(answer);
                    return refiner().refine(shopRequest("Make the heading blue.")).reply();
                  })
              .toList();

      assertThat(replies).hasSize(4).allSatisfy(reply -> assertThat(reply).doesNotContain(API_KEY));
      assertThat(logs.list).hasSizeGreaterThanOrEqualTo(4);
      assertThat(logs.list)
          .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(API_KEY));
    } finally {
      logger.detachAppender(logs);
    }
  }
}
