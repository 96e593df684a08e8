package com.webase.account.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to the account-service under test. */
public final class Api {

  private static final HttpClient http = HttpClient.newHttpClient();
  public static final JsonMapper JSON = new JsonMapper();

  private final int port;

  public Api(int port) {
    this.port = port;
  }

  /** A response with its body read as JSON (null when empty). */
  public record Response(int status, JsonNode body, HttpResponse<String> raw) {

    public String type() {
      return body == null ? null : body.path("type").asString();
    }

    /** The problem type's slug, e.g. {@code password-too-short}. */
    public String problem() {
      String type = type();
      return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /** The first refused field named by a validation problem. */
    public String field() {
      JsonNode errors = body == null ? null : body.get("errors");
      return errors == null || errors.isEmpty()
          ? body.path("field").asString(null)
          : errors.get(0).get("field").asString();
    }
  }

  public Response send(String method, String path, String bearer, String json) {
    return send(method, path, bearer, json, "application/json");
  }

  public Response send(String method, String path, String bearer, String body, String contentType) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Response(response.statusCode(), json, response);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
