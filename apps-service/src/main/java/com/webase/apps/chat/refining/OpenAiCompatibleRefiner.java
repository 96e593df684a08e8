package com.webase.apps.chat.refining;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks an AI model what a message does to the app, through an OpenAI-compatible chat-completions
 * endpoint ({@code POST {baseUrl}/chat/completions}; OpenAI, Ollama, vLLM and hosted APIs speak
 * it). The prompt carries the instructions, the app's text files and the recent conversation (see
 * {@link AiPrompt}); the model answers with {@code {"reply": …, "files": {path: content | null}}}
 * (see {@link AiAnswer}), which becomes a {@link Refinement.Change} for the caller to apply
 * atomically.
 *
 * <p>Every failure — no answer within the timeout, a refused connection, an HTTP error, an answer
 * that is not the expected JSON — is a {@link Refinement.NoChange} that says so plainly; nothing
 * throws. The API key goes into the {@code Authorization} header and nowhere else: not into logs,
 * replies or exception messages; error bodies (which some APIs use to echo part of a key) are not
 * logged either.
 *
 * <p>Thread-safe: one instance serves all apps. Calls block the calling thread for at most about
 * the configured timeout.
 */
public final class OpenAiCompatibleRefiner implements Refiner, AutoCloseable {

  /** An answer carries whole files; far beyond any prompt limit, but bounded. */
  static final int MAX_ANSWER_BYTES = 10_000_000;

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleRefiner.class);

  private final AiRefinerProperties properties;
  private final HttpClient client;
  private final RestClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AiAnswer answers = new AiAnswer(json);

  /**
   * @param properties where the endpoint is and how to call it
   * @param restClient a builder to derive the HTTP client from (Spring Boot's, so calls are
   *     observed by Micrometer); it is cloned, not changed
   */
  public OpenAiCompatibleRefiner(AiRefinerProperties properties, RestClient.Builder restClient) {
    this.properties = properties;
    this.client =
        HttpClient.newBuilder()
            // HTTP/1.1: Ollama and vLLM serve plain HTTP, where an h2c upgrade buys nothing.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.timeout())
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(properties.timeout());
    this.http = restClient.clone().requestFactory(requests).build();
  }

  @Override
  public Refinement refine(RefinementRequest request) {
    long started = System.nanoTime();
    try {
      AiPrompt prompt = AiPrompt.of(request, properties.maxPromptBytes());
      Outcome outcome = call(prompt);
      if (outcome.status().isError()) {
        log.warn(
            "AI builder answered HTTP {} for app {} (model {})",
            outcome.status().value(),
            request.appId(),
            properties.model());
        return httpError(outcome.status());
      }
      Refinement refinement = answers.read(outcome.body(), request.files());
      return withNoteOnLeftOutFiles(refinement, prompt);
    } catch (AiAnswer.Unusable unusable) {
      log.warn(
          "AI builder's answer for app {} could not be used: {}",
          request.appId(),
          unusable.getMessage());
      return new Refinement.NoChange(
          "The AI builder's answer could not be used (%s); nothing was changed."
              .formatted(unusable.getMessage()));
    } catch (ResourceAccessException | TooLarge failure) {
      return transportFailure(
          failure, request.appId(), Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException unexpected) {
      log.error(
          "AI builder call for app {} failed: {}",
          request.appId(),
          unexpected.getClass().getName());
      return new Refinement.NoChange(
          "The AI builder could not be asked because of an internal error; nothing was changed.");
    }
  }

  /**
   * Stops the HTTP client: calls still running end as "unavailable" replies. Spring calls this when
   * the bean is destroyed.
   */
  @Override
  public void close() {
    client.shutdownNow();
  }

  private record Outcome(HttpStatusCode status, String body) {}

  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("answer too large", null, false, false);
    }
  }

  private Outcome call(AiPrompt prompt) {
    return http.post()
        .uri(properties.chatCompletionsUri())
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .headers(
            headers -> {
              if (properties.apiKey() != null) {
                headers.setBearerAuth(properties.apiKey());
              }
            })
        .body(requestBody(prompt))
        .exchange(
            (sent, response) -> {
              if (response.getStatusCode().isError()) {
                // The body is neither read nor logged: some APIs echo part of the key in it.
                return new Outcome(response.getStatusCode(), "");
              }
              return new Outcome(response.getStatusCode(), bounded(response.getBody()));
            });
  }

  private String requestBody(AiPrompt prompt) {
    ObjectNode body = json.createObjectNode();
    body.put("model", properties.model());
    ArrayNode messages = body.putArray("messages");
    for (AiPrompt.Message message : prompt.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    body.put("stream", false);
    return json.writeValueAsString(body);
  }

  private static String bounded(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
    if (bytes.length > MAX_ANSWER_BYTES) {
      throw new TooLarge();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private Refinement httpError(HttpStatusCode status) {
    boolean unavailable = status.is5xxServerError() || status.value() == 429;
    return new Refinement.NoChange(
        "The AI builder %s (HTTP %d); nothing was changed."
            .formatted(unavailable ? "is unavailable" : "refused the request", status.value()));
  }

  private Refinement transportFailure(RuntimeException failure, String appId, Duration took) {
    if (failure instanceof TooLarge) {
      log.warn("AI builder's answer for app {} is over {} bytes", appId, MAX_ANSWER_BYTES);
      return new Refinement.NoChange(
          "The AI builder's answer could not be used (it is too large); nothing was changed.");
    }
    Throwable cause = failure;
    while (cause != null) {
      if (cause instanceof HttpTimeoutException) {
        return timedOut(appId);
      }
      if (cause instanceof ConnectException) {
        log.warn("AI builder refused the connection for app {}", appId);
        return unavailable("connection refused");
      }
      if (cause instanceof UnknownHostException) {
        log.warn("AI builder's host is unknown: {}", properties.baseUrl().getHost());
        return unavailable("unknown host " + properties.baseUrl().getHost());
      }
      cause = cause.getCause();
    }
    if (took.compareTo(properties.timeout()) >= 0) {
      // A body still arriving at the deadline is cancelled by the request factory, which reports
      // only "subscription cancelled": the clock says what happened.
      return timedOut(appId);
    }
    log.warn("AI builder call for app {} failed: {}", appId, rootCause(failure));
    return unavailable("the connection failed");
  }

  private Refinement timedOut(String appId) {
    String timeout = seconds(properties.timeout());
    log.warn("AI builder did not answer within {} for app {}", timeout, appId);
    return new Refinement.NoChange(
        "The AI builder did not answer within %s; nothing was changed.".formatted(timeout));
  }

  private static Refinement unavailable(String why) {
    return new Refinement.NoChange(
        "The AI builder is unavailable (%s); nothing was changed.".formatted(why));
  }

  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getName() + ": " + root.getMessage();
  }

  /** "60 s", "1.5 s". */
  static String seconds(Duration duration) {
    double seconds = duration.toMillis() / 1000.0;
    return (seconds == Math.rint(seconds)
            ? String.valueOf((long) seconds)
            : String.format(Locale.ROOT, "%.1f", seconds))
        + " s";
  }

  private static Refinement withNoteOnLeftOutFiles(Refinement refinement, AiPrompt prompt) {
    if (prompt.overLimit().isEmpty()) {
      return refinement;
    }
    String note =
        "\n\n(The AI builder did not see %s: the prompt had no room for %s.)"
            .formatted(
                String.join(", ", prompt.overLimit()),
                prompt.overLimit().size() == 1 ? "it" : "them");
    return switch (refinement) {
      case Refinement.Change change ->
          new Refinement.Change(change.changes(), change.reply() + note);
      case Refinement.NoChange noChange -> new Refinement.NoChange(noChange.reply() + note);
    };
  }
}
