package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.spring.WebaseServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI document is on the management port only, where the gateway reads it, and
 * carries the problems the kit may answer.
 */
@WebaseServiceTest
class ApiDocsIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @Test
  void theDocumentIsServedOnTheManagementPortAndNotOnThePublicPort() throws Exception {
    assertThat(get(managementPort, "/actuator/openapi").statusCode()).isEqualTo(200);
    assertThat(get(port, "/v3/api-docs").statusCode()).isIn(401, 404);
    assertThat(get(port, "/actuator/openapi").statusCode()).isEqualTo(404);
  }

  @Test
  void everyOperationCarriesTheKitsProblemsAndTheCallerIsNoParameter() throws Exception {
    JsonNode doc = json.readTree(get(managementPort, "/actuator/openapi").body());

    JsonNode create = doc.at("/paths/~1api~1v1~1widgets/post");
    assertThat(create.isMissingNode()).isFalse();
    assertThat(create.at("/responses/401/x-webase-problem-types").toString())
        .contains("https://webase.dev/problems/unauthenticated");
    assertThat(create.at("/responses/422/x-webase-problem-types").toString())
        .contains("idempotency-key-reused");
    assertThat(create.at("/responses/400/content/application~1problem+json/schema/$ref").asString())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(create.get("parameters").valueStream().map(p -> p.get("name").asString()))
        .containsExactly("Idempotency-Key");
    JsonNode whoami = doc.at("/paths/~1api~1v1~1whoami/get");
    assertThat(whoami.has("parameters")).as(whoami.toString()).isFalse();
    assertThat(doc.at("/components/schemas/Problem/properties/type/description").asString())
        .isNotBlank();
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
