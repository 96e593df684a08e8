package com.webase.gateway.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.webase.apitoken.ApiTokenFormat;
import com.webase.testkit.spring.WebaseServiceTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Issue 12 §4: the scope matrix, generated from the API's path table (DESIGN §7) and checked
 * against the gateway's configured routes, so that a route added without a row here — and so
 * without a decision about its scope — fails this test.
 *
 * <p>For every method and path: a token with exactly the scope needed reaches the service, every
 * token with another single scope gets 403; a path with no scope rule gets 403 for every token
 * (deny by default). The same holds for the path spelled with a percent-encoded letter and with a
 * trailing slash; {@code //}, dot segments and an encoded {@code /} are refused with 400 whatever
 * the token, and never reach a service.
 *
 * <p>One plain HTTP server stands behind every route and records what reaches it. The tokens are
 * real, well-formed tokens whose introspection answers are put in the gateway's own cache, as an
 * introspection would leave them (the introspection itself, with token-service and Keycloak, is in
 * the e2e module); token-service's address refuses connections, so any other token gets a 503.
 */
@WebaseServiceTest(database = false, redis = true)
class ScopeMatrixIT {

  /** Who may call what with an API token: {@code -} no token at all, {@code *} any token. */
  static final List<String> TABLE =
      List.of(
          "GET /api/v1/account account:read",
          "PATCH /api/v1/account account:write",
          "DELETE /api/v1/account -",
          "POST /api/v1/account/email/verify -",
          "POST /api/v1/account/email/resend -",
          "DELETE /api/v1/account/email/pending -",
          "POST /api/v1/account/password -",
          "POST /api/v1/account/password/strength -",
          "GET /api/v1/account/activity account:read",
          "GET /api/v1/tokens/default -",
          "POST /api/v1/tokens/default/regenerate -",
          "GET /api/v1/tokens -",
          "POST /api/v1/tokens -",
          "DELETE /api/v1/tokens/{tokenId} -",
          "GET /api/v1/tokens/current *",
          "GET /api/v1/apps apps:read",
          "POST /api/v1/apps apps:write",
          "GET /api/v1/apps/{appId} apps:read",
          "PATCH /api/v1/apps/{appId} apps:write",
          "DELETE /api/v1/apps/{appId} apps:write",
          "GET /api/v1/apps/{appId}/files apps:read",
          "GET /api/v1/apps/{appId}/files/{*path} apps:read",
          "PUT /api/v1/apps/{appId}/files/{*path} apps:write",
          "DELETE /api/v1/apps/{appId}/files/{*path} apps:write",
          "POST /api/v1/apps/{appId}/changes apps:write",
          "GET /api/v1/apps/{appId}/chat/messages apps:read",
          "POST /api/v1/apps/{appId}/chat/messages apps:write",
          "GET /api/v1/apps/{appId}/evaluations apps:read",
          "POST /api/v1/apps/{appId}/evaluations apps:write",
          "GET /api/v1/apps/{appId}/evaluations/{id} apps:read",
          "GET /api/v1/apps/{appId}/deployments apps:read",
          "POST /api/v1/apps/{appId}/deployments deploy",
          "GET /api/v1/apps/{appId}/deployments/{id} apps:read",
          "POST /api/v1/apps/{appId}/deployments/{id}/promote deploy",
          "GET /api/v1/apps/{appId}/models records:read",
          "POST /api/v1/apps/{appId}/models records:write",
          "GET /api/v1/apps/{appId}/models/{model} records:read",
          "PATCH /api/v1/apps/{appId}/models/{model} records:write",
          "DELETE /api/v1/apps/{appId}/models/{model} records:write",
          "GET /api/v1/apps/{appId}/models/{model}/records records:read",
          "POST /api/v1/apps/{appId}/models/{model}/records records:write",
          "POST /api/v1/apps/{appId}/models/{model}/records/bulk records:write",
          "GET /api/v1/apps/{appId}/models/{model}/records/{id} records:read",
          "PATCH /api/v1/apps/{appId}/models/{model}/records/{id} records:write",
          "PUT /api/v1/apps/{appId}/models/{model}/records/{id} records:write",
          "DELETE /api/v1/apps/{appId}/models/{model}/records/{id} records:write",
          "GET /api/v1/notifications account:read",
          "POST /api/v1/notifications/{id}/read account:write",
          "GET /api/v1/notifications/preferences account:read",
          "PUT /api/v1/notifications/preferences account:write");

  static final List<String> SCOPES =
      List.of(
          "account:read",
          "account:write",
          "apps:read",
          "apps:write",
          "records:read",
          "records:write",
          "deploy");

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<String> reached = new AtomicReference<>();
  private static HttpServer services;

  @LocalServerPort int port;
  @Autowired TokenCache cache;
  @Autowired GatewayProperties gateway;

  @DynamicPropertySource
  static void standIns(DynamicPropertyRegistry registry) throws IOException {
    services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    services.createContext(
        "/",
        exchange -> {
          reached.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"reached\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    services.setExecutor(Executors.newCachedThreadPool());
    services.start();
    String url = "http://localhost:" + services.getAddress().getPort();
    for (String service : List.of("ACCOUNT", "TOKEN", "APPS", "RECORDS", "NOTIFICATION")) {
      registry.add("WEBASE_" + service + "_SERVICE_URL", () -> url);
    }
    // nothing answers introspection: only the tokens put in the cache are known
    registry.add("webase.gateway.api-token.introspection-uri", () -> "http://localhost:9/none");
  }

  @AfterAll
  static void stopStandIn() {
    services.stop(0);
  }

  @Test
  void everyConfiguredApiRouteHasRowsInTheTableAndEveryScopeRuleIsInTheTable() {
    List<Row> rows = rows();
    List<RouteDefinition> routes = gateway.getRoutes();
    assertThat(routes).as("the routes of application.yml").hasSizeGreaterThanOrEqualTo(5);
    for (RouteDefinition route : routes) {
      for (String pattern : pathPatternsOf(route)) {
        PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
        assertThat(rows)
            .as(
                "route %s (%s) has no row in the scope table: decide which scope its paths need"
                    + " (ScopePolicy) and add them to TABLE",
                route.getId(), pattern)
            .anyMatch(row -> parsed.matches(PathContainer.parsePath(row.samplePath())));
      }
    }
    for (ScopePolicy.Rule rule : ScopePolicy.RULES) {
      assertThat(rows)
          .as("ScopePolicy's rule %s %s is in the table", rule.method(), rule.template())
          .anyMatch(
              row ->
                  row.method().equals(rule.method())
                      && row.template().equals(rule.template())
                      && row.scope().equals(rule.scope()));
    }
    for (Row row : rows) {
      assertThat(routes)
          .as("%s %s is routed", row.method(), row.samplePath())
          .anyMatch(
              route ->
                  pathPatternsOf(route).stream()
                      .map(PathPatternParser.defaultInstance::parse)
                      .anyMatch(p -> p.matches(PathContainer.parsePath(row.samplePath()))));
    }
  }

  @Test
  void aTokenWithExactlyTheNeededScopeGetsThroughAnyOtherGets403() throws Exception {
    Map<String, String> tokens = tokensWithOneScopeEach();
    for (Row row : rows()) {
      for (Map.Entry<String, String> token : tokens.entrySet()) {
        boolean allowed = row.scope().equals("*") || row.scope().equals(token.getKey());
        String spelled = row.samplePath();
        assertDecision(row, spelled, spelled, token.getKey(), token.getValue(), allowed);
        assertDecision(
            row, encodeOneLetter(spelled), spelled, token.getKey(), token.getValue(), allowed);
        assertDecision(
            row, spelled + "/", spelled + "/", token.getKey(), token.getValue(), allowed);
      }
    }
  }

  @Test
  void doubleSlashSpellingsAreResolvedAndGetTheSameDecision() throws Exception {
    Map<String, String> tokens = tokensWithOneScopeEach();
    for (Row row : rows()) {
      String path = row.samplePath();
      int second = path.indexOf('/', 1);
      List<String> spellings =
          List.of(
              path.substring(0, second) + "/" + path.substring(second),
              "/" + path,
              path.replace("/v1/", "/v1//"));
      for (String spelled : spellings) {
        for (Map.Entry<String, String> token : tokens.entrySet()) {
          boolean allowed = row.scope().equals("*") || row.scope().equals(token.getKey());
          assertDecision(row, spelled, path, token.getKey(), token.getValue(), allowed);
        }
      }
    }
  }

  @Test
  void dotSegmentAndEncodedSlashSpellingsAreRefusedWhateverTheToken() throws Exception {
    Map<String, String> tokens = tokensWithOneScopeEach();
    for (Row row : rows()) {
      String path = row.samplePath();
      int second = path.indexOf('/', 1);
      List<String> spellings =
          List.of(
              path.substring(0, second) + "/./" + path.substring(second + 1),
              path.substring(0, second) + "/x/.." + path.substring(second),
              path.substring(0, second) + "/x/%2E%2E" + path.substring(second),
              "/api/v1/tokens/.." + path.substring("/api/v1".length()),
              path.substring(0, second) + "%2F" + path.substring(second + 1),
              path + ";jsessionid=1");
      for (String spelled : spellings) {
        for (String token : tokens.values()) {
          reached.set(null);
          HttpResponse<String> response = send(row.method(), spelled, token);
          assertThat(response.statusCode())
              .as("%s %s: %s", row.method(), spelled, response.body())
              .isEqualTo(400);
          assertThat(response.body()).contains("/problems/malformed-request-path");
          assertThat(reached.get()).as("nothing reached a service").isNull();
        }
      }
    }
  }

  @Test
  void anEncodedAppsPathIsDecidedAsTheAppsPath() throws Exception {
    // the hole of issue 12 §4: routed to apps-service, and no scope was checked
    String readOnly = tokensWithOneScopeEach().get("apps:read");
    HttpResponse<String> create = send("POST", "/api/v1/%61pps", readOnly);
    assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
    assertThat(create.body()).contains("/problems/insufficient-scope").contains("apps:write");
  }

  private void assertDecision(
      Row row, String spelled, String forwarded, String scope, String token, boolean allowed)
      throws Exception {
    reached.set(null);
    HttpResponse<String> response = send(row.method(), spelled, token);
    String what = row.method() + " " + spelled + " with " + scope + ": " + response.body();
    if (allowed) {
      assertThat(response.statusCode()).as(what).isEqualTo(200);
      assertThat(reached.get()).as(what).isEqualTo(row.method() + " " + forwarded);
    } else {
      assertThat(response.statusCode()).as(what).isEqualTo(403);
      assertThat(response.body()).as(what).contains("/problems/insufficient-scope");
      assertThat(reached.get()).as(what).isNull();
    }
  }

  /** Real tokens, each known to this gateway as having exactly one scope. */
  private Map<String, String> tokensWithOneScopeEach() {
    Map<String, String> tokens = new LinkedHashMap<>();
    ApiTokenFormat format = new ApiTokenFormat();
    for (String scope : SCOPES) {
      String token = format.generate();
      cache.remember(
          TokenCache.keyOf(token),
          new Introspected(
              "user-1",
              "token-" + scope,
              List.of(scope),
              "jwt-of-" + scope.replace(':', '-'),
              Instant.now().plus(1, ChronoUnit.HOURS)));
      tokens.put(scope, token);
    }
    return tokens;
  }

  /** The path with the first letter after {@code /api/v1/} percent-encoded ({@code %61pps}). */
  private static String encodeOneLetter(String path) {
    int at = path.lastIndexOf("/api/v1/") + "/api/v1/".length();
    char letter = path.charAt(at);
    return path.substring(0, at) + String.format("%%%02X", (int) letter) + path.substring(at + 1);
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("x-api-token", token)
            .method(
                method,
                method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json")
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> pathPatternsOf(RouteDefinition route) {
    List<String> patterns = new ArrayList<>();
    for (PredicateDefinition predicate : route.getPredicates()) {
      if (predicate.getName().equals("Path")) {
        for (String value : predicate.getArgs().values()) {
          patterns.addAll(List.of(value.split(",")));
        }
      }
    }
    return patterns;
  }

  static List<Row> rows() {
    return TABLE.stream()
        .map(
            line -> {
              String[] parts = line.split(" ");
              return new Row(parts[0], parts[1], parts[2]);
            })
        .toList();
  }

  /** One line of the table; {@code samplePath} fills the template's variables. */
  record Row(String method, String template, String scope) {
    String samplePath() {
      return template
          .replace("{*path}", "src/pages/index.html")
          .replace("{appId}", "app-1")
          .replaceAll("\\{[a-zA-Z]+}", "id-1");
    }
  }
}
