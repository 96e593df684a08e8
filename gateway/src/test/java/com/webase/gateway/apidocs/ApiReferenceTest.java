package com.webase.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the gateway makes one reference of the services' documents. */
class ApiReferenceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ApiReference reference =
      new ApiReference(
          new ApiDocsProperties(Map.of(), null, null),
          "https://webase.dev/problems/",
          WebClient.builder());

  @Test
  void eachOperationNeedsTheScopeTheGatewayEnforces() {
    JsonNode merged =
        merge(Map.of("apps-service", doc("/api/v1/apps/{appId}/deployments", "post")));

    JsonNode operation = merged.at("/paths/~1api~1v1~1apps~1{appId}~1deployments/post");
    assertThat(operation.at("/security/0/apiToken").toString()).isEqualTo("[\"deploy\"]");
    assertThat(operation.at("/security/1").has("portalSession")).isTrue();
    assertThat(operation.at("/x-webase-scopes/0").asString()).isEqualTo("deploy");
    assertThat(operation.at("/responses/403/x-webase-problem-types").toString())
        .contains("https://webase.dev/problems/insufficient-scope")
        .contains("https://webase.dev/problems/csrf-token-missing");
    assertThat(operation.at("/responses/401/x-webase-problem-types").toString())
        .contains("invalid-api-token");
    assertThat(operation.at("/x-webase-service").asString()).isEqualTo("apps-service");
  }

  @Test
  void anOperationWithoutAScopeRuleNeedsAPortalSession() {
    JsonNode merged = merge(Map.of("token-service", doc("/api/v1/tokens/default", "get")));

    JsonNode operation = merged.at("/paths/~1api~1v1~1tokens~1default/get");
    assertThat(operation.get("security").toString()).isEqualTo("[{\"portalSession\":[]}]");
    assertThat(operation.get("x-webase-api-token").asBoolean()).isFalse();
    assertThat(operation.get("description").asString()).contains("Portal session only");
  }

  @Test
  void aCatchAllPathMatchesItsRule() {
    JsonNode merged =
        merge(Map.of("apps-service", doc("/api/v1/apps/{appId}/files/{path}", "put")));

    assertThat(
            merged
                .at("/paths/~1api~1v1~1apps~1{appId}~1files~1{path}/put/x-webase-scopes/0")
                .asString())
        .isEqualTo("apps:write");
  }

  @Test
  void schemasOfTheSameNameButAnotherShapeAreKeptApart() {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("apps-service", docWithSchema("/api/v1/apps", "Page", "apps"));
    docs.put("records-service", docWithSchema("/api/v1/apps/{appId}/models", "Page", "records"));
    docs.put("notification-service", docWithSchema("/api/v1/notifications", "Page", "apps"));

    JsonNode merged = merge(docs);

    assertThat(merged.at("/components/schemas/Page/description").asString()).isEqualTo("apps");
    assertThat(merged.at("/components/schemas/RecordsPage/description").asString())
        .isEqualTo("records");
    assertThat(merged.at("/components/schemas").propertyNames())
        .containsOnly("Page", "RecordsPage");
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1apps~1{appId}~1models/get/responses/200/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("#/components/schemas/RecordsPage");
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1notifications/get/responses/200/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("#/components/schemas/Page");
  }

  @Test
  void aServiceNeverReadIsNamed() {
    JsonNode merged = reference.merge(Map.of(), List.of("records-service"));

    assertThat(merged.at("/info/x-webase-unavailable-services/0").asString())
        .isEqualTo("records-service");
  }

  private JsonNode merge(Map<String, JsonNode> docs) {
    return reference.merge(docs, List.of());
  }

  private static JsonNode doc(String path, String method) {
    return JSON.readTree(
        """
        {"openapi":"3.1.0","paths":{"%s":{"%s":{"operationId":"x","tags":["app-controller"],
         "responses":{"200":{"description":"OK"}}}}}}
        """
            .formatted(path, method));
  }

  private static JsonNode docWithSchema(String path, String schema, String description) {
    return JSON.readTree(
        """
        {"openapi":"3.1.0","paths":{"%s":{"get":{"operationId":"x","responses":{"200":{
          "description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/%s"}}}}}}}},
         "components":{"schemas":{"%s":{"type":"object","description":"%s"}}}}
        """
            .formatted(path, schema, schema, description));
  }
}
