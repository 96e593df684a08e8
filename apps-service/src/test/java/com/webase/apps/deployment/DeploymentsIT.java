package com.webase.apps.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.apps.support.AppsServiceTest;
import com.webase.apps.support.Caller;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Deployments and the live site they serve, as the gateway reaches it ({@code /sites/{site}}). */
@AppsServiceTest
class DeploymentsIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void aDeploymentGoesLiveAndItsSiteServesTheFilesOfItsRevision() throws Exception {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Site");
    String site = ada.get("/api/v1/apps/" + app).json().get("siteName").asString();
    ada.put(app, "index.html", "<h1>v1</h1>");
    ada.put(app, "docs/index.html", "<h1>docs</h1>");
    ada.put(app, "app.js", "console.log('v1')");

    var requested = ada.json("POST", "/api/v1/apps/" + app + "/deployments", null);
    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.json().get("status").asString()).isEqualTo("queued");
    JsonNode first = awaitFinished(ada, requested.header("Location"));

    assertThat(first.get("status").asString()).isEqualTo("live");
    assertThat(first.get("revision").asInt()).isEqualTo(3);
    var root = site(site, "/", Map.of());
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).isEqualTo("<h1>v1</h1>");
    assertThat(root.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(root.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(root.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(site(site, "/docs/", Map.of()).body()).isEqualTo("<h1>docs</h1>");
    assertThat(site(site, "/docs", Map.of()).body()).isEqualTo("<h1>docs</h1>");
    assertThat(site(site, "/app.js", Map.of()).headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=utf-8");
    assertThat(site(site, "/missing.html", Map.of()).statusCode()).isEqualTo(404);
    String etag = root.headers().firstValue("ETag").orElseThrow();
    assertThat(site(site, "/", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
  }

  @Test
  void aRedeployServesNewContentAndPromotingTheFirstRollsBack() throws Exception {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Rollback");
    String site = ada.get("/api/v1/apps/" + app).json().get("siteName").asString();
    ada.put(app, "index.html", "<h1>one</h1>");
    JsonNode first =
        awaitFinished(
            ada, ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location"));
    String firstEtag = site(site, "/", Map.of()).headers().firstValue("ETag").orElseThrow();

    ada.put(app, "index.html", "<h1>two</h1>");
    JsonNode second =
        awaitFinished(
            ada, ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location"));
    assertThat(site(site, "/", Map.of()).body()).isEqualTo("<h1>two</h1>");
    assertThat(site(site, "/", Map.of("If-None-Match", firstEtag)).statusCode())
        .as("a new deployment is new content")
        .isEqualTo(200);
    assertThat(
            ada.get("/api/v1/apps/" + app + "/deployments/" + first.get("id").asString())
                .json()
                .get("status")
                .asString())
        .isEqualTo("retired");

    var promoted =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/deployments/" + first.get("id").asString() + "/promote",
            null);

    assertThat(promoted.status()).isEqualTo(200);
    assertThat(promoted.json().get("status").asString()).isEqualTo("live");
    assertThat(site(site, "/", Map.of()).body()).isEqualTo("<h1>one</h1>");
    assertThat(
            ada.get("/api/v1/apps/" + app + "/deployments/" + second.get("id").asString())
                .json()
                .get("status")
                .asString())
        .isEqualTo("retired");
  }

  @Test
  void aDeploymentWithoutAnEntryPageFailsWithItsReasonAndTheSiteStaysAsItWas() throws Exception {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("No index");
    String site = ada.get("/api/v1/apps/" + app).json().get("siteName").asString();
    ada.put(app, "index.html", "<h1>live</h1>");
    awaitFinished(
        ada, ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location"));
    ada.delete("/api/v1/apps/" + app + "/files/index.html");
    ada.put(app, "page.html", "<h1>page</h1>");

    JsonNode failed =
        awaitFinished(
            ada, ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location"));

    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("reason").asString()).contains("index.html");
    assertThat(site(site, "/", Map.of()).body()).isEqualTo("<h1>live</h1>");
    var notPromotable =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/deployments/" + failed.get("id").asString() + "/promote",
            null);
    assertThat(notPromotable.status()).isEqualTo(409);
  }

  @Test
  void aSiteRequestCarryingCredentialsIsRefusedAndADeletedAppsSiteIsGone() throws Exception {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Credentials");
    String site = ada.get("/api/v1/apps/" + app).json().get("siteName").asString();
    ada.put(app, "index.html", "<h1>x</h1>");
    awaitFinished(
        ada, ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location"));

    var withCookie = site(site, "/", Map.of("Cookie", "SESSION=abc"));
    var withAuthorization = site(site, "/", Map.of("Authorization", "Bearer x"));
    assertThat(withCookie.statusCode()).isEqualTo(400);
    assertThat(withCookie.body()).contains("credentials-not-accepted");
    // a bearer token is checked (and this one refused) before the site is looked at
    assertThat(withAuthorization.statusCode()).isIn(400, 401);

    ada.delete("/api/v1/apps/" + app);
    assertThat(site(site, "/", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void deployingNeedsTheDeployScopeAndAnotherPersonsDeploymentsAreNotFound() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String app = ada.createApp("Scoped");
    ada.put(app, "index.html", "<h1>x</h1>");
    String location =
        ada.json("POST", "/api/v1/apps/" + app + "/deployments", null).header("Location");
    String id = awaitFinished(ada, location).get("id").asString();

    var withoutDeploy =
        ada.withScopes("apps:read", "apps:write")
            .json("POST", "/api/v1/apps/" + app + "/deployments", null);
    assertThat(withoutDeploy.status()).isEqualTo(403);
    assertThat(withoutDeploy.problem()).isEqualTo("insufficient-scope");
    assertThat(
            ada.withScopes("apps:read", "apps:write")
                .json("POST", "/api/v1/apps/" + app + "/deployments/" + id + "/promote", null)
                .status())
        .isEqualTo(403);
    assertThat(bob.get(location).status()).isEqualTo(404);
    assertThat(bob.get("/api/v1/apps/" + app + "/deployments").status()).isEqualTo(404);
    assertThat(bob.json("POST", "/api/v1/apps/" + app + "/deployments", null).status())
        .isEqualTo(404);
    assertThat(
            bob.json("POST", "/api/v1/apps/" + app + "/deployments/" + id + "/promote", null)
                .status())
        .isEqualTo(404);
    assertThat(ada.get("/api/v1/apps/" + app + "/deployments").json().get("items")).hasSize(1);
  }

  private HttpResponse<String> site(String site, String path, Map<String, String> headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sites/" + site + path));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode awaitFinished(Caller caller, String location) {
    JsonNode[] finished = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              finished[0] = caller.get(location).json();
              String status = finished[0].get("status").asString();
              return status.equals("live") || status.equals("failed");
            });
    return finished[0];
  }
}
