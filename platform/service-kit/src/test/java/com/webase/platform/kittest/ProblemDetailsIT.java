package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.TestTokenIssuer;
import com.webase.testkit.spring.WebaseServiceTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of bad request gets a 4xx RFC 9457 problem with a stable type, never a 500. */
@WebaseServiceTest(keycloak = true)
class ProblemDetailsIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void anUnknownPathIs404() throws Exception {
    assertProblem(send("GET", "/api/v1/nothing-here", null, null), 404, "not-found");
  }

  @Test
  void aWrongMethodIs405() throws Exception {
    assertProblem(send("DELETE", "/api/v1/greetings", null, null), 405, "method-not-allowed");
  }

  @Test
  void aWrongContentTypeIs415() throws Exception {
    assertProblem(
        send("POST", "/api/v1/greetings", "name=x", "text/plain"), 415, "unsupported-media-type");
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertProblem(
        send("POST", "/api/v1/greetings", "{\"name\":", "application/json"),
        400,
        "malformed-request");
  }

  @Test
  void anInvalidFieldIsNamedWithItsReason() throws Exception {
    var response =
        send("POST", "/api/v1/greetings", "{\"name\":\"\",\"times\":1}", "application/json");
    assertProblem(response, 400, "validation");
    assertThat(response.body())
        .contains("\"field\":\"name\"")
        .contains("\"reason\":\"must not be blank\"");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    var response =
        send(
            "POST", "/api/v1/greetings", "{\"name\":\"a\",\"times\":\"many\"}", "application/json");
    assertProblem(response, 400, "validation");
    assertThat(response.body()).contains("\"field\":\"times\"").contains("must be a number");
  }

  @Test
  void aNumberOrBooleanWhereTextBelongsIsRefusedNotTurnedIntoText() throws Exception {
    for (String value : new String[] {"5", "2.5", "true"}) {
      var response =
          send(
              "POST",
              "/api/v1/greetings",
              "{\"name\":" + value + ",\"times\":1}",
              "application/json");
      assertProblem(response, 400, "validation");
      assertThat(response.body())
          .as(value)
          .contains("\"field\":\"name\"")
          .contains("must be a string");
    }
  }

  @Test
  void anUnknownFieldIsNamed() throws Exception {
    var response =
        send(
            "POST",
            "/api/v1/greetings",
            "{\"name\":\"a\",\"times\":1,\"admin\":true}",
            "application/json");
    assertProblem(response, 400, "validation");
    assertThat(response.body()).contains("\"field\":\"admin\"").contains("is not a known field");
  }

  @Test
  void aMissingFieldIsNamedAsRequired() throws Exception {
    var response = send("POST", "/api/v1/greetings", "{\"name\":\"a\"}", "application/json");
    assertProblem(response, 400, "validation");
    assertThat(response.body()).contains("\"field\":\"times\"").contains("is required");
  }

  @Test
  void anOversizeBodyIs413() throws Exception {
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    assertProblem(
        send("POST", "/api/v1/greetings", huge, "application/json"), 413, "payload-too-large");
  }

  @Test
  void anOversizeChunkedBodyIs413() throws Exception {
    byte[] huge = ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes();
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/greetings"))
            .header("Authorization", "Bearer " + token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
            .build();
    assertProblem(
        http.send(request, HttpResponse.BodyHandlers.ofString()), 413, "payload-too-large");
  }

  @Test
  void aValidRequestStillWorks() throws Exception {
    var response =
        send("POST", "/api/v1/greetings", "{\"name\":\"Ada\",\"times\":2}", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"type\":\"https://webase.dev/problems/" + type + "\"")
        .contains("\"status\":" + status)
        .doesNotContain("Exception")
        .doesNotContain("at com.");
  }

  private static String token() {
    return TestTokenIssuer.tokenService().mint("user-7", List.of("apps:write"));
  }

  private HttpResponse<String> send(String method, String path, String body, String contentType)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
