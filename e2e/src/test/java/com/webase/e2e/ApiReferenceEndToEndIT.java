package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's API reference against the running platform: the gateway's {@code /v3/api-docs} is
 * every service's own document in one, and covers the gateway's route table — every route has
 * operations, and every operation is routed to the service that documented it.
 */
class ApiReferenceEndToEndIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static Platform platform;
  private static JsonNode reference;

  @BeforeAll
  static void readTheReference() throws Exception {
    platform = Platform.get();
    // a service makes its document on the first read, which may take the gateway a few tries
    org.awaitility.Awaitility.await("every service's document read by the gateway")
        .atMost(java.time.Duration.ofSeconds(90))
        .pollInterval(java.time.Duration.ofSeconds(2))
        .until(
            () -> {
              HttpResponse<String> response = get(platform.gatewayA.url() + "/v3/api-docs");
              assertThat(response.statusCode()).isEqualTo(200);
              reference = JSON.readTree(response.body());
              return !reference.path("info").has("x-webase-unavailable-services");
            });
  }

  @Test
  void theReferenceCoversEveryRouteOfTheGatewaysRouteTable() throws Exception {
    Map<String, List<PathPattern>> routes = routeTable();
    Map<String, List<String>> documentedByRoute = new LinkedHashMap<>();
    routes.keySet().forEach(id -> documentedByRoute.put(id, new ArrayList<>()));
    List<String> unrouted = new ArrayList<>();
    List<String> misrouted = new ArrayList<>();

    for (String path : reference.path("paths").propertyNames()) {
      PathContainer sample = PathContainer.parsePath(path.replaceAll("\\{[^}/]+}", "x1"));
      // the gateway takes the first route whose Path predicate matches, as listed
      String route =
          routes.entrySet().stream()
              .filter(r -> r.getValue().stream().anyMatch(p -> p.matches(sample)))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      for (String method : reference.path("paths").path(path).propertyNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        String operation = method.toUpperCase() + " " + path;
        if (route == null) {
          unrouted.add(operation);
          continue;
        }
        documentedByRoute.get(route).add(operation);
        String service =
            reference.path("paths").path(path).path(method).path("x-webase-service").asString();
        if (!route.equals(service)) {
          misrouted.add(operation + " documented by " + service + ", routed to " + route);
        }
      }
    }

    assertThat(unrouted).as("documented operations no route reaches").isEmpty();
    assertThat(misrouted).as("operations the gateway sends to another service").isEmpty();
    documentedByRoute.forEach(
        (route, operations) ->
            assertThat(operations).as("operations of route " + route).isNotEmpty());
  }

  @Test
  void everyOperationOfEveryServiceIsInTheReference() throws Exception {
    for (var service : platform.managementPorts.entrySet()) {
      JsonNode own =
          JSON.readTree(get("http://localhost:" + service.getValue() + "/actuator/openapi").body());
      Set<String> operations = operations(own);
      assertThat(operations).as(service.getKey() + " documents operations").isNotEmpty();
      assertThat(operations(reference)).as(service.getKey()).containsAll(operations);
    }
  }

  @Test
  void theReferenceSaysWhichScopeEachOperationNeedsAsTheGatewayEnforcesIt() {
    JsonNode paths = reference.path("paths");
    assertThat(paths.at("/~1api~1v1~1apps/get/security/0/apiToken/0").asString())
        .isEqualTo("apps:read");
    assertThat(paths.at("/~1api~1v1~1apps~1{appId}~1deployments/post/x-webase-scopes/0").asString())
        .isEqualTo("deploy");
    assertThat(paths.at("/~1api~1v1~1tokens~1default/get/x-webase-api-token").asBoolean())
        .as("token management needs a portal session")
        .isFalse();
    assertThat(paths.at("/~1api~1v1~1tokens~1default/get/security").toString())
        .doesNotContain("apiToken");
    assertThat(reference.at("/components/securitySchemes/apiToken/name").asString())
        .isEqualTo("x-api-token");
  }

  @Test
  void everyProblemResponseNamesItsTypes() {
    List<String> untyped = new ArrayList<>();
    forEachOperation(
        (name, operation) -> {
          for (String status : operation.path("responses").propertyNames()) {
            JsonNode response = operation.path("responses").path(status);
            if (status.startsWith("4") || status.startsWith("5")) {
              JsonNode types = response.path("x-webase-problem-types");
              if (!types.isArray() || types.isEmpty()) {
                untyped.add(name + " " + status);
              }
            }
          }
        });
    assertThat(untyped).isEmpty();
  }

  @Test
  void eachServicesOwnDocumentIsNotReachableFromOutside() throws Exception {
    String gateway = platform.gatewayA.url();
    assertThat(get(gateway + "/actuator/openapi").statusCode()).isEqualTo(404);
    assertThat(get(platform.appsService.url() + "/v3/api-docs").statusCode()).isIn(401, 404);
    assertThat(get(platform.appsService.url() + "/actuator/openapi").statusCode()).isEqualTo(404);
  }

  @Test
  void theReaderAndTheProblemCatalogueAreServedWithoutLogin() throws Exception {
    String gateway = platform.gatewayA.url();
    HttpResponse<String> docs = get(gateway + "/docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("/docs/reader.js").contains("swagger-ui-bundle.js");
    String bundle =
        docs.body()
            .replaceAll("(?s).*src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle.js)\".*", "$1");
    assertThat(get(gateway + bundle).statusCode()).isEqualTo(200);
    assertThat(get(gateway + "/docs/reader.js").body()).contains("/v3/api-docs");

    HttpResponse<String> entry = get(gateway + "/problems/invalid-api-token");
    assertThat(entry.statusCode()).isEqualTo(200);
    assertThat(entry.body()).contains("What to do");
    assertThat(get(gateway + "/problems/no-such-problem").statusCode()).isEqualTo(404);
  }

  /**
   * The Java client is generated at build time from {@code docs/api/webase-api.json}: that file
   * must be the document the platform serves, so a changed endpoint fails here (and, once the file
   * is renewed, in the client's compilation and {@code ApiClientEndToEndIT}) rather than drifting.
   */
  @Test
  void theCommittedReferenceTheClientIsGeneratedFromIsTheOneThePlatformServes() throws Exception {
    Path committed = Path.of("").toAbsolutePath().getParent().resolve("docs/api/webase-api.json");
    Path live = Path.of("target/openapi/webase-api.json").toAbsolutePath();
    Files.createDirectories(live.getParent());
    Files.writeString(
        live, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reference) + "\n");

    assertThat(JSON.readTree(Files.readString(committed)))
        .as(
            "docs/api/webase-api.json is not the platform's reference: after a deliberate API"
                + " change, copy %s there",
            live)
        .isEqualTo(reference);
  }

  /**
   * The lint (issue 17): Spectral's standard OpenAPI rules and Webase's own ({@code
   * src/test/spectral/.spectral.yaml}: security and 4xx problems on every operation, one way of
   * paging, a description on every field and parameter) find no error in the reference. Spectral is
   * the version pinned in {@code package-lock.json}, installed with the machine's npm.
   */
  @Test
  void theReferencePassesTheLintWithoutErrors() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path document = target.resolve("openapi/webase-api.json");
    Files.createDirectories(document.getParent());
    Files.writeString(
        document, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reference));
    Path lint =
        SpectralLint.prepare(
            Path.of("src/test/spectral").toAbsolutePath(), target.resolve("spectral"));

    List<String> errors = SpectralLint.errors(lint, document);

    assertThat(errors).as("Spectral errors in " + document).isEmpty();
  }

  /**
   * The reference page as a reader sees it: headless Chromium renders {@code /docs} (Swagger UI
   * loading {@code /v3/api-docs}) into {@code target/screenshots/api-reference.png}; the README
   * links a copy of it ({@code docs/api/reference.png}).
   */
  @Test
  void theReferencePageRendersInAHeadlessBrowser() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    // a requirement of the test command (README), as for PortalBrowserIT: missing, it fails
    assertThat(Files.isExecutable(chromium))
        .as("Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)")
        .isTrue();
    Path shot = Path.of("target/screenshots/api-reference.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    Process browser =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1280,1800",
                "--virtual-time-budget=15000",
                "--screenshot=" + shot,
                platform.gatewayA.url() + "/docs")
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target/screenshots/chromium.log").toFile())
            .start();
    assertThat(browser.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(shot).exists();
    assertThat(Files.size(shot)).as("a rendered page, not a blank one").isGreaterThan(30_000);
  }

  /** Route id → its Path patterns, from the gateway's own configuration, in its order. */
  private static Map<String, List<PathPattern>> routeTable() throws Exception {
    Path config =
        Path.of("")
            .toAbsolutePath()
            .getParent()
            .resolve("gateway/src/main/resources/application.yml");
    Map<String, Object> yaml = new Yaml().load(Files.readString(config));
    Object routes = dig(yaml, "spring", "cloud", "gateway", "server", "webflux", "routes");
    Map<String, List<PathPattern>> table = new LinkedHashMap<>();
    PathPatternParser parser = new PathPatternParser();
    for (Object route : (List<?>) routes) {
      Map<?, ?> r = (Map<?, ?>) route;
      List<PathPattern> patterns = new ArrayList<>();
      for (Object predicate : (List<?>) r.get("predicates")) {
        String text = predicate.toString();
        if (text.startsWith("Path=")) {
          for (String pattern : text.substring("Path=".length()).split(",")) {
            patterns.add(parser.parse(pattern.strip()));
          }
        }
      }
      assertThat(patterns).as("route " + r.get("id") + " has Path patterns").isNotEmpty();
      table.put(r.get("id").toString(), patterns);
    }
    assertThat(table).isNotEmpty();
    return table;
  }

  @SuppressWarnings("unchecked")
  private static Object dig(Map<String, Object> yaml, String... keys) {
    Object node = yaml;
    for (String key : keys) {
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  private static Set<String> operations(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    for (String path : doc.path("paths").propertyNames()) {
      for (String method : doc.path("paths").path(path).propertyNames()) {
        if (METHODS.contains(method)) {
          out.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return out;
  }

  private static void forEachOperation(java.util.function.BiConsumer<String, JsonNode> action) {
    for (String path : reference.path("paths").propertyNames()) {
      JsonNode item = reference.path("paths").path(path);
      for (String method : item.propertyNames()) {
        if (METHODS.contains(method)) {
          action.accept(method.toUpperCase() + " " + path, item.path(method));
        }
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
