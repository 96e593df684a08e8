package com.webase.apps.chat.refining;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server that speaks the chat-completions protocol with recorded answers (under {@code
 * refining/chat-completions/}), records every request, and can also fail, or hang until it is
 * closed.
 */
final class ChatCompletionsServer implements AutoCloseable {

  /** A request as the server received it. */
  record Received(String method, String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .map(header -> String.join(",", header.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  @FunctionalInterface
  interface Answer {
    void send(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer answer = recorded("change.json");

  ChatCompletionsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answer.send(exchange);
          } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  /** The base URL to configure, with the {@code /v1} that OpenAI-style APIs have. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  void answer(Answer answer) {
    this.answer = answer;
  }

  /** The only request received so far. */
  Received onlyRequest() throws InterruptedException {
    Received request = received.poll(5, TimeUnit.SECONDS);
    if (request == null || !received.isEmpty()) {
      throw new AssertionError("expected exactly one request, got " + (request == null ? 0 : 2));
    }
    return request;
  }

  static Answer recorded(String name) {
    return status(200, "application/json", resource(name));
  }

  static Answer status(int status, String contentType, String body) {
    return exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  /** Never answers: holds the request until the server closes. */
  Answer silence() {
    return exchange -> closing.await();
  }

  /** Sends the headers and the start of the body, then nothing more until the server closes. */
  Answer stallingMidAnswer() {
    return exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      body.write("{\"id\": \"chatcmpl-1\", \"choices\": [".getBytes(StandardCharsets.UTF_8));
      body.flush();
      closing.await();
    };
  }

  static String resource(String name) {
    try (InputStream in =
        ChatCompletionsServer.class.getResourceAsStream("/refining/chat-completions/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded answer " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
