package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.webase.testkit.KeycloakServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.TestTokenIssuer;
import com.webase.testkit.spring.WebaseServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The resource server accepts tokens from exactly its two issuers — the real Keycloak realm and
 * token-service (here the kit's stand-in issuer) — and answers everything else with a problem.
 */
@WebaseServiceTest(keycloak = true)
class ResourceServerIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @Test
  void aKeycloakTokenOfThePortalUserIsAcceptedAsAPerson() throws Exception {
    KeycloakServer keycloak = RealServers.keycloak();
    keycloak.createDirectGrantClient("webase-kit-test");
    String token =
        keycloak
            .passwordGrant("webase-kit-test", "demo@webase.local", keycloak.realm().demoPassword())
            .get("access_token")
            .asString();

    HttpResponse<String> response = get("/api/v1/whoami", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"kind\":\"PERSON\"")
        .contains("\"userId\":\"" + SignedJWT.parse(token).getJWTClaimsSet().getSubject() + "\"");
  }

  @Test
  void aTokenServiceTokenIsAcceptedAsAnApiTokenCallerWithItsScopes() throws Exception {
    String token = TestTokenIssuer.tokenService().mint("user-42", List.of("apps:read"));

    HttpResponse<String> response = get("/api/v1/whoami", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"userId\":\"user-42\"")
        .contains("\"kind\":\"API_TOKEN\"")
        .contains("\"scopes\":[\"apps:read\"]")
        .contains("\"tokenId\":\"tok_");
  }

  @Test
  void aRawApiTokenIsRefusedBeforeAnythingElse() throws Exception {
    String token = TestTokenIssuer.tokenService().mint("user-42", List.of("apps:read"));
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/whoami"))
            .header("Authorization", "Bearer " + token)
            .header("x-api-token", "wbt_anything")
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("/problems/api-token-not-accepted-here");
    assertThat(management("/actuator/prometheus").body())
        .contains("webase_security_raw_api_token_total{application=\"kit-test\"} 1.0");
  }

  @Test
  void aTokenFromAThirdIssuerIsRefused() throws Exception {
    try (TestTokenIssuer stranger = TestTokenIssuer.start()) {
      assertUnauthorizedProblem(get("/api/v1/whoami", stranger.mint("user-42", List.of())));
    }
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String expired =
        TestTokenIssuer.tokenService()
            .mint("user-42", List.of(), "webase-services", Instant.now().minusSeconds(120));
    assertUnauthorizedProblem(get("/api/v1/whoami", expired));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    String otherAudience =
        TestTokenIssuer.tokenService()
            .mint("user-42", List.of(), "some-other-api", Instant.now().plusSeconds(300));
    assertUnauthorizedProblem(get("/api/v1/whoami", otherAudience));
  }

  @Test
  void noTokenIsRefused() throws Exception {
    assertUnauthorizedProblem(get("/api/v1/whoami", null));
  }

  @Test
  void healthAndMetricsAreOpenForProbesAndPrometheusOnTheManagementPort() throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(management("/actuator/health/readiness").body()).contains("\"UP\"");
    assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(management("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void thePublicPortHasNoActuatorWithOrWithoutAToken() throws Exception {
    String token = TestTokenIssuer.tokenService().mint("user-42", List.of("apps:read"));
    for (String credential : new String[] {null, token}) {
      for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/env")) {
        HttpResponse<String> response = get(path, credential);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("jvm_memory_used_bytes");
      }
    }
  }

  private void assertUnauthorizedProblem(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"type\":\"https://webase.dev/problems/unauthenticated\"")
        .contains("\"status\":401");
  }

  private HttpResponse<String> management(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
