package com.webase.apps.support;

import com.webase.testkit.TestTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program calling apps-service with the JWT the gateway would forward for its API token: a person
 * of its own (a fresh user id) and the token's scopes.
 */
public final class Caller {

  public static final List<String> ALL_SCOPES =
      List.of("apps:read", "apps:write", "records:read", "records:write", "deploy");
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final JsonMapper json = new JsonMapper();

  private final int port;
  private final String userId;
  private final List<String> scopes;

  private Caller(int port, String userId, List<String> scopes) {
    this.port = port;
    this.userId = userId;
    this.scopes = scopes;
  }

  /** A new person whose token has every scope. */
  public static Caller newPerson(int port) {
    return new Caller(port, "user-" + UUID.randomUUID(), ALL_SCOPES);
  }

  /** The same person with a token limited to {@code scopes}. */
  public Caller withScopes(String... scopes) {
    return new Caller(port, userId, List.of(scopes));
  }

  public String userId() {
    return userId;
  }

  public Response get(String path) {
    return send("GET", path, null, null, Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null, Map.of());
  }

  public Response json(String method, String path, String body) {
    return send(
        method,
        path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "application/json",
        Map.of());
  }

  public Response send(
      String method, String path, byte[] body, String contentType, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization", "Bearer " + TestTokenIssuer.tokenService().mint(userId, scopes))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates an app and returns its id. */
  public String createApp(String name) {
    Response created = json("POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}");
    if (created.status() != 201) {
      throw new AssertionError("create app: " + created.status() + " " + created.text());
    }
    return created.json().get("id").asString();
  }

  /** Puts a text file and returns the answer. */
  public Response put(String appId, String path, String content) {
    return send(
        "PUT",
        "/api/v1/apps/" + appId + "/files/" + path,
        content.getBytes(StandardCharsets.UTF_8),
        "application/octet-stream",
        Map.of());
  }

  /** An answer, with its body as text, JSON or bytes. */
  public record Response(HttpResponse<byte[]> raw) {
    public int status() {
      return raw.statusCode();
    }

    public String text() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
      return raw.body();
    }

    public JsonNode json() {
      return json.readTree(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The slug of a problem's {@code type}, e.g. {@code app-not-found}. */
    public String problem() {
      String type = json().path("type").asString();
      return type.substring(type.lastIndexOf('/') + 1);
    }
  }
}
