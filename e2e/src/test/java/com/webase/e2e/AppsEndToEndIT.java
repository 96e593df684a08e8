package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13's acceptance, end to end: programs call apps-service through a gateway with real API
 * tokens (token-service, introspection, the JWT it mints), on real PostgreSQL and Kafka; live sites
 * are read at {@code http://{site}.localhost:<gateway A>/} as a browser reads them. People log in
 * on gateway A (where Keycloak sends them back); programs call gateway B, whose per-token quota is
 * not the small one of A's rate-limit test.
 */
class AppsEndToEndIT {

  private static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Platform platform;
  private static String a;
  private static String b;
  private static Person ada;
  private static Person bob;

  @BeforeAll
  static void start() throws Exception {
    platform = Platform.get();
    a = platform.gatewayA.url();
    b = platform.gatewayB.url();
    ada = Person.create(platform, a, "Ada");
    bob = Person.create(platform, a, "Bob");
  }

  @AfterAll
  static void closeBrowsers() {
    for (Person person : new Person[] {ada, bob}) {
      if (person != null) {
        person.close();
      }
    }
  }

  @Test
  void filesAreWrittenAndListedWithETagsAndBadWritesAreRefused() {
    String app = createApp(ada.token(), "Files e2e");

    assertThat(put(ada.token(), app, "index.html", indexHtml("Hello")).statusCode()).isEqualTo(201);
    assertThat(put(ada.token(), app, "app.js", "document.title = 'x';\n").statusCode())
        .isEqualTo(201);
    var style = put(ada.token(), app, "style.css", "h1 { color: teal; }\n");
    assertThat(style.statusCode()).isEqualTo(201);
    JsonNode list = json(get(ada.token(), "/api/v1/apps/" + app + "/files"));
    assertThat(list.get("items").findValuesAsString("path"))
        .containsExactly("app.js", "index.html", "style.css");
    assertThat(list.get("items").findValuesAsString("etag"))
        .allMatch(etag -> etag.matches("\"[0-9a-f]{64}\""));
    assertThat(list.get("items").get(2).get("etag").asString())
        .isEqualTo(style.headers().firstValue("ETag").orElseThrow());

    String etag = style.headers().firstValue("ETag").orElseThrow();
    put(ada.token(), app, "style.css", "h1 { color: red; }\n");
    var stale =
        Api.request(
            "PUT",
            b,
            "/api/v1/apps/" + app + "/files/style.css",
            ada.token(),
            "h1 {}".getBytes(StandardCharsets.UTF_8),
            "text/css",
            Map.of("If-Match", etag));
    assertThat(stale.statusCode()).isEqualTo(412);
    var traversal = put(ada.token(), app, "../x", "nope");
    assertThat(traversal.statusCode()).isEqualTo(400);
    assertThat(traversal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    var oversize =
        Api.request(
            "PUT",
            b,
            "/api/v1/apps/" + app + "/files/big.bin",
            ada.token(),
            new byte[2 * 1024 * 1024 + 1],
            "application/octet-stream",
            Map.of());
    assertThat(oversize.statusCode()).isEqualTo(413);
    assertThat(text(oversize)).contains("file-too-large");
    int before = json(get(ada.token(), "/api/v1/apps/" + app)).get("revision").asInt();

    var change =
        send(
            ada.token(),
            "POST",
            "/api/v1/apps/" + app + "/changes",
            "{\"files\":{\"index.html\":"
                + JSON.writeValueAsString(indexHtml("Two files"))
                + ",\"about.html\":\"<p>about</p>\"}}");

    assertThat(change.statusCode()).as(text(change)).isEqualTo(200);
    assertThat(json(change).get("revision").asInt()).isEqualTo(before + 1);
    assertThat(json(get(ada.token(), "/api/v1/apps/" + app)).get("revision").asInt())
        .isEqualTo(before + 1);
  }

  @Test
  void aChatMessageWithADiffChangesTheAppAndOneThatDoesNotApplySaysWhy() throws Exception {
    String app = createApp(ada.token(), "Chat e2e");
    put(ada.token(), app, "index.html", indexHtml("Hello"));
    try (var reader = new TopicReader("webase.apps.events")) {
      String diff =
          """
          ```diff
          --- a/index.html
          +++ b/index.html
          @@ -7,1 +7,1 @@
          -<h1>Hello</h1>
          +<h1>Welcome</h1>
          ```
          """;
      var posted =
          send(
              ada.token(),
              "POST",
              "/api/v1/apps/" + app + "/chat/messages",
              JSON.writeValueAsString(Map.of("content", diff)));
      assertThat(posted.statusCode()).isEqualTo(202);
      JsonNode reply = awaitReply(ada.token(), app, json(posted).get("id").asString());
      assertThat(reply.get("revision").asInt()).isEqualTo(2);
      assertThat(reply.get("content").asString()).contains("index.html");
      assertThat(text(get(ada.token(), "/api/v1/apps/" + app + "/files/index.html")))
          .contains("<h1>Welcome</h1>");

      var bad =
          send(
              ada.token(),
              "POST",
              "/api/v1/apps/" + app + "/chat/messages",
              JSON.writeValueAsString(Map.of("content", diff)));
      JsonNode refused = awaitReply(ada.token(), app, json(bad).get("id").asString());
      assertThat(refused.get("content").asString())
          .startsWith("Nothing was changed")
          .contains("<h1>Hello</h1>");
      assertThat(json(get(ada.token(), "/api/v1/apps/" + app)).get("revision").asInt())
          .isEqualTo(2);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  reader.poll().stream()
                          .filter(r -> app.equals(r.key()))
                          .filter(
                              r ->
                                  "com.webase.apps.ChatMessagePosted"
                                      .equals(TopicReader.header(r, "ce_type")))
                          .count()
                      >= 4);
    }
  }

  @Test
  void aGoodAppPassesItsEvaluationAndFailsItNamingTheScriptItLostAndAnAppDeploysToItsOwnOrigin()
      throws Exception {
    String app = createApp(ada.token(), "Site e2e");
    put(ada.token(), app, "index.html", indexHtml("Version one"));
    put(ada.token(), app, "app.js", "document.title = 'one';\n");
    put(ada.token(), app, "style.css", "h1 { color: teal; }\n");

    JsonNode passed =
        awaitStatus(
            ada.token(),
            location(send(ada.token(), "POST", "/api/v1/apps/" + app + "/evaluations", null)),
            "passed",
            "failed");
    assertThat(passed.get("status").asString()).as(passed.toString()).isEqualTo("passed");

    String site = json(get(ada.token(), "/api/v1/apps/" + app)).get("siteName").asString();
    String first = deploy(ada.token(), app);
    String siteUrl = "http://" + site + ".localhost:" + platform.gatewayA.port() + "/";
    assertThat(siteGet(siteUrl, Map.of()).body()).contains("<h1>Version one</h1>");

    assertThat(
            send(ada.token(), "DELETE", "/api/v1/apps/" + app + "/files/app.js", null).statusCode())
        .isEqualTo(200);
    JsonNode failed =
        awaitStatus(
            ada.token(),
            location(send(ada.token(), "POST", "/api/v1/apps/" + app + "/evaluations", null)),
            "passed",
            "failed");
    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("report").toString()).contains("references app.js");

    put(ada.token(), app, "index.html", indexHtml("Version two"));
    deploy(ada.token(), app);
    assertThat(siteGet(siteUrl, Map.of()).body()).contains("<h1>Version two</h1>");
    var promoted =
        send(
            ada.token(),
            "POST",
            "/api/v1/apps/" + app + "/deployments/" + first + "/promote",
            null);
    assertThat(promoted.statusCode()).isEqualTo(200);
    assertThat(siteGet(siteUrl, Map.of()).body()).contains("<h1>Version one</h1>");

    // the portal's session cookie never reaches the site: apps-service refuses (and counts) any
    // site request that carries one, so a 200 here is the service's word that it had none
    String cookie = "SESSION=" + ada.session().sessionCookie();
    double refusedBefore = Api.counter(platform.appsService, "webase_sites_refused_total", "");
    var withCookie = siteGet(siteUrl, Map.of("Cookie", cookie));
    assertThat(withCookie.statusCode()).isEqualTo(200);
    assertThat(withCookie.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(Api.counter(platform.appsService, "webase_sites_refused_total", ""))
        .isEqualTo(refusedBefore);
    var direct =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(platform.appsService.url() + "/sites/" + site + "/"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(direct.statusCode()).as("what the service does with a cookie").isEqualTo(400);
    assertThat(Api.counter(platform.appsService, "webase_sites_refused_total", ""))
        .isEqualTo(refusedBefore + 1);

    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(a + "/sites/" + site + "/")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("/sites on the portal's origin")
        .isEqualTo(404);
  }

  @Test
  void anotherPersonsTokenFindsNothingOfAnAppAndScopesBoundWhatATokenDoes() {
    String app = createApp(ada.token(), "Bounded e2e");
    put(ada.token(), app, "index.html", indexHtml("Mine"));
    String evaluation =
        location(send(ada.token(), "POST", "/api/v1/apps/" + app + "/evaluations", null));
    String deploymentLocation =
        location(send(ada.token(), "POST", "/api/v1/apps/" + app + "/deployments", null));
    String deployment =
        awaitStatus(ada.token(), deploymentLocation, "live", "failed").get("id").asString();
    String base = "/api/v1/apps/" + app;
    List<String[]> paths =
        List.of(
            new String[] {"GET", base},
            new String[] {"PATCH", base},
            new String[] {"DELETE", base},
            new String[] {"GET", base + "/files"},
            new String[] {"GET", base + "/files/index.html"},
            new String[] {"PUT", base + "/files/index.html"},
            new String[] {"DELETE", base + "/files/index.html"},
            new String[] {"POST", base + "/changes"},
            new String[] {"GET", base + "/chat/messages"},
            new String[] {"POST", base + "/chat/messages"},
            new String[] {"GET", base + "/evaluations"},
            new String[] {"POST", base + "/evaluations"},
            new String[] {"GET", evaluation},
            new String[] {"GET", base + "/deployments"},
            new String[] {"POST", base + "/deployments"},
            new String[] {"GET", deploymentLocation},
            new String[] {"POST", base + "/deployments/" + deployment + "/promote"});
    for (String[] path : paths) {
      String body =
          switch (path[0]) {
            case "PATCH" -> "{\"name\":\"Bob's\"}";
            case "PUT" -> "<h1>Bob</h1>";
            case "POST" ->
                path[1].endsWith("/changes")
                    ? "{\"files\":{\"x.txt\":\"x\"}}"
                    : path[1].endsWith("/messages") ? "{\"content\":\"hi\"}" : null;
            default -> null;
          };
      var response = send(bob.token(), path[0], path[1], body);
      assertThat(response.statusCode()).as(path[0] + " " + path[1]).isEqualTo(404);
    }
    assertThat(text(get(ada.token(), base + "/files/index.html"))).contains("Mine");

    String readOnly = ada.namedToken(List.of("apps:read"));
    assertThat(get(readOnly, base).statusCode()).isEqualTo(200);
    for (String[] write :
        new String[][] {
          {"POST", "/api/v1/apps"},
          {"PATCH", base},
          {"PUT", base + "/files/x.txt"},
          {"POST", base + "/chat/messages"}
        }) {
      var refused = send(readOnly, write[0], write[1], "{}");
      assertThat(refused.statusCode()).as(write[0] + " " + write[1]).isEqualTo(403);
      assertThat(text(refused)).contains("insufficient-scope");
    }
    String noDeploy = ada.namedToken(List.of("apps:read", "apps:write"));
    assertThat(send(noDeploy, "POST", base + "/deployments", null).statusCode()).isEqualTo(403);
    assertThat(
            send(noDeploy, "POST", base + "/deployments/" + deployment + "/promote", null)
                .statusCode())
        .isEqualTo(403);
    assertThat(send(noDeploy, "POST", base + "/evaluations", null).statusCode())
        .as("evaluating is writing")
        .isEqualTo(202);
  }

  @Test
  void theSameIdempotencyKeyCreatesOneAppAndAnotherBodyWithItIs422() {
    String key = UUID.randomUUID().toString();
    String name = "Idempotent " + UUID.randomUUID().toString().substring(0, 6);
    byte[] body = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);

    var first =
        Api.request(
            "POST",
            b,
            "/api/v1/apps",
            ada.token(),
            body,
            "application/json",
            Map.of("Idempotency-Key", key));
    var again =
        Api.request(
            "POST",
            b,
            "/api/v1/apps",
            ada.token(),
            body,
            "application/json",
            Map.of("Idempotency-Key", key));
    var other =
        Api.request(
            "POST",
            b,
            "/api/v1/apps",
            ada.token(),
            "{\"name\":\"Other\"}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            Map.of("Idempotency-Key", key));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
    assertThat(other.statusCode()).isEqualTo(422);
    long named = 0;
    for (JsonNode item : json(get(ada.token(), "/api/v1/apps?limit=100")).get("items")) {
      if (item.get("name").asString().equals(name)) {
        named++;
      }
    }
    assertThat(named).isEqualTo(1);
  }

  @Test
  void badInputThroughTheGatewayIsA4xxProblemAndChangesNothing() {
    String app = createApp(ada.token(), "Bad input e2e");
    String before = text(get(ada.token(), "/api/v1/apps/" + app));
    String base = "/api/v1/apps/" + app;
    List<Object[]> cases =
        List.of(
            new Object[] {"POST", "/api/v1/apps", "application/json", "{\"name\":", 400},
            new Object[] {"POST", "/api/v1/apps", "application/json", "{\"name\":7}", 400},
            new Object[] {
              "POST", "/api/v1/apps", "application/json", "{\"name\":\"x\",\"admin\":true}", 400
            },
            new Object[] {"POST", "/api/v1/apps", "text/plain", "name=x", 415},
            new Object[] {"PATCH", base, "application/json", "{}", 400},
            new Object[] {
              "POST", base + "/changes", "application/json", "{\"files\":{\"../etc\":\"x\"}}", 400
            },
            new Object[] {
              "POST", base + "/chat/messages", "application/json", "{\"content\":\"\"}", 400
            },
            new Object[] {"GET", "/api/v1/apps?limit=1000", null, null, 400},
            new Object[] {"GET", base + "/deployments/not-a-deployment", null, null, 404});
    for (Object[] c : cases) {
      var response =
          Api.request(
              (String) c[0],
              b,
              (String) c[1],
              ada.token(),
              c[3] == null ? null : ((String) c[3]).getBytes(StandardCharsets.UTF_8),
              (String) c[2],
              Map.of());
      assertThat(response.statusCode()).as(c[0] + " " + c[1] + " " + c[3]).isEqualTo((int) c[4]);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(c[0] + " " + c[1])
          .hasValue("application/problem+json");
    }
    assertThat(text(get(ada.token(), "/api/v1/apps/" + app))).isEqualTo(before);
  }

  private static String indexHtml(String heading) {
    return """
        <!DOCTYPE html>
        <html>
        <head>
        <title>E2E</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <h1>%s</h1>
        <script type="module" src="app.js"></script>
        </html>
        """
        .formatted(heading);
  }

  private static String createApp(String token, String name) {
    var created = send(token, "POST", "/api/v1/apps", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    return json(created).get("id").asString();
  }

  private static String deploy(String token, String app) {
    JsonNode live =
        awaitStatus(
            token,
            location(send(token, "POST", "/api/v1/apps/" + app + "/deployments", null)),
            "live",
            "failed");
    assertThat(live.get("status").asString()).as(live.toString()).isEqualTo("live");
    return live.get("id").asString();
  }

  private static JsonNode awaitStatus(String token, String location, String... done) {
    JsonNode[] seen = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              seen[0] = json(get(token, location));
              return List.of(done).contains(seen[0].get("status").asString());
            });
    return seen[0];
  }

  private static JsonNode awaitReply(String token, String app, String messageId) {
    JsonNode[] reply = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (JsonNode item :
                  json(get(token, "/api/v1/apps/" + app + "/chat/messages")).get("items")) {
                if (messageId.equals(item.path("replyTo").asString(null))) {
                  reply[0] = item;
                  return true;
                }
              }
              return false;
            });
    return reply[0];
  }

  private static HttpResponse<String> siteGet(String url, Map<String, String> headers)
      throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(text(response)).isEqualTo(202);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private static HttpResponse<byte[]> put(String token, String app, String path, String content) {
    return Api.request(
        "PUT",
        b,
        "/api/v1/apps/" + app + "/files/" + path,
        token,
        content.getBytes(StandardCharsets.UTF_8),
        "application/octet-stream",
        Map.of());
  }

  private static HttpResponse<byte[]> get(String token, String path) {
    return Api.request("GET", b, path, token, null, null, Map.of());
  }

  private static HttpResponse<byte[]> send(String token, String method, String path, String json) {
    return Api.call(method, b, path, token, json);
  }

  private static String text(HttpResponse<byte[]> response) {
    return Api.text(response);
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    return Api.json(response);
  }
}
