package com.webase.records.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.events.apps.AppCreated;
import com.webase.testkit.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program calling records-service with an API token (the internal JWT the gateway would mint), as
 * one user, with chosen scopes.
 */
public final class Api {

  public static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final int port;
  private final String userId;
  private final String token;

  private Api(int port, String userId, List<String> scopes) {
    this.port = port;
    this.userId = userId;
    this.token = TestTokenIssuer.tokenService().mint(userId, scopes);
  }

  /** A new user (random id) whose token may read and write records. */
  public static Api newUser(int port) {
    return new Api(port, "user-" + UUID.randomUUID(), List.of("records:read", "records:write"));
  }

  /** The same user with other scopes. */
  public Api withScopes(String... scopes) {
    return new Api(port, userId, List.of(scopes));
  }

  public String userId() {
    return userId;
  }

  /**
   * A new app of this user, announced on Kafka as apps-service would, once records-service knows
   * it.
   */
  public String newApp() {
    String appId = UUID.randomUUID().toString();
    Events.publish(new AppCreated(UUID.randomUUID(), Instant.now(), appId, userId, "app", "App"));
    Awaitility.await("records-service knows app " + appId)
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get("/api/v1/apps/" + appId + "/models").statusCode() == 200);
    return appId;
  }

  /** Creates a model and checks it was created. */
  public void newModel(String appId, String name, String fieldsJson) {
    var created =
        post(
            "/api/v1/apps/" + appId + "/models",
            "{\"name\":\"" + name + "\",\"fields\":" + fieldsJson + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, Map.of());
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, json, Map.of());
  }

  public HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
