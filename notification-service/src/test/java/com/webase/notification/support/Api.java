package com.webase.notification.support;

import com.webase.testkit.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls to the notification-service under test as the user's program would make them. */
public final class Api {

  public static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  private final int port;

  public Api(int port) {
    this.port = port;
  }

  public record Response(int status, JsonNode body) {}

  /** As a program whose token has the account scopes (as the default token has). */
  public Response send(String method, String path, String userId, String json) {
    return send(method, path, userId, json, List.of("account:read", "account:write"));
  }

  /** As a program whose token has just {@code scopes}. */
  public Response send(
      String method, String path, String userId, String json, List<String> scopes) {
    String token = TestTokenIssuer.tokenService().mint(userId, scopes);
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
