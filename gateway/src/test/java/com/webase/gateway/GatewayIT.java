package com.webase.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.webase.apitoken.ApiTokenFormat;
import com.webase.gateway.apitoken.Introspected;
import com.webase.gateway.apitoken.TokenCache;
import com.webase.testkit.Ports;
import com.webase.testkit.RealServers;
import com.webase.testkit.RedisServer;
import com.webase.testkit.spring.WebaseServiceTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on its own, with a stand-in behind the account route (a plain HTTP server that
 * records what reaches it) and nothing where token-service should be: routing, request ids, the
 * edge refusals that need no token-service, the 503s of a missing or slow service, errors as
 * problems, and that malformed tokens never block an address. The x-api-token flow with a real
 * token-service is in the e2e module.
 */
@WebaseServiceTest(database = false, redis = true)
class GatewayIT {

  static final int FAILED_AUTH_LIMIT = 5;

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<String> lastPath = new AtomicReference<>();
  private static final AtomicReference<String> lastRequestId = new AtomicReference<>();
  private static HttpServer accountService;
  private static Ports.Refusing nobody;

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired TokenCache cache;

  @DynamicPropertySource
  static void standIns(DynamicPropertyRegistry registry) throws IOException {
    accountService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    accountService.createContext(
        "/",
        exchange -> {
          lastPath.set(exchange.getRequestURI().getPath());
          lastRequestId.set(exchange.getRequestHeaders().getFirst("X-Request-Id"));
          if (exchange.getRequestURI().getPath().endsWith("/slow")) {
            try {
              Thread.sleep(3000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "{\"from\":\"account-service\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
          if (requestId != null) {
            exchange.getResponseHeaders().add("X-Request-Id", requestId); // as the services do
          }
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    accountService.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    accountService.start();
    registry.add(
        "WEBASE_ACCOUNT_SERVICE_URL",
        () -> "http://localhost:" + accountService.getAddress().getPort());
    // held, not merely free once: the gateway's own port 0 once landed on a free-once port, and
    // the "down" apps route then waited 20 s for an answer from the gateway itself
    nobody = Ports.refusing();
    registry.add("WEBASE_TOKEN_SERVICE_URL", () -> "http://localhost:" + nobody.port());
    registry.add("WEBASE_APPS_SERVICE_URL", () -> "http://localhost:" + nobody.port());
    // the account route's own timeout, short for the slow-service test
    registry.add("webase.gateway.timeouts.account-service", () -> 1000);
    registry.add("webase.gateway.rate-limit.failed-auth-per-ip.limit", () -> FAILED_AUTH_LIMIT);
  }

  @AfterAll
  static void stopStandIn() {
    accountService.stop(0);
    nobody.close();
  }

  @Test
  void routesTheAccountPathToAccountServiceWithARequestId() throws Exception {
    HttpResponse<String> response = send("/api/v1/account", null, "client-chosen-id-42");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("account-service");
    assertThat(lastPath.get()).isEqualTo("/api/v1/account");
    assertThat(lastRequestId.get()).isEqualTo("client-chosen-id-42");
    assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-chosen-id-42");

    send("/api/v1/account", null, "bad id with spaces");
    assertThat(lastRequestId.get()).matches("[0-9a-f-]{36}");
  }

  @Test
  void aTokenInTheQueryStringIsRefusedWhateverThePath() throws Exception {
    for (String query :
        new String[] {
          "/api/v1/account?x-api-token=wbt_x",
          "/api/v1/apps?api_key=1",
          "/session?token=1",
          "/api/v1/account?ACCESS_TOKEN=1"
        }) {
      HttpResponse<String> response = send(query, null, null);
      assertProblem(response, 400, "token-in-url");
    }
    lastPath.set(null);
    send("/api/v1/account?api_key=1", null, null);
    assertThat(lastPath.get()).as("nothing reached the service").isNull();
  }

  @Test
  void aServiceThatIsDownOrTooSlowGetsA503ProblemAtOnce() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> down = send("/api/v1/apps", null, null);
    assertProblem(down, 503, "service-unavailable");
    assertThat(down.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

    started = System.nanoTime();
    HttpResponse<String> slow = send("/api/v1/account/slow", null, null);
    assertProblem(slow, 503, "service-unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the route's 1 s timeout, not the service's 3 s")
        .isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aWellFormedTokenThatCannotBeCheckedGets503NeverAPass() throws Exception {
    lastPath.set(null);
    HttpResponse<String> response =
        send("/api/v1/account", "wbt_0123456789abcdefghijABCDEFGHIJ" + checksumFree(), null);
    // the made-up token has a wrong checksum: refused without asking anyone
    assertProblem(response, 401, "invalid-api-token");

    String wellFormed = new com.webase.apitoken.ApiTokenFormat().generate();
    HttpResponse<String> unchecked = send("/api/v1/account", wellFormed, null);
    assertProblem(unchecked, 503, "authentication-unavailable");
    assertThat(unchecked.headers().firstValue("Retry-After")).isPresent();
    assertThat(lastPath.get()).as("nothing reached the service").isNull();
  }

  @Test
  void aHundredMalformedTokensNeverLockOutAValidTokenFromTheSameAddress() throws Exception {
    // the limit is 5 here: malformed tokens cost token-service nothing and are not counted
    for (int i = 0; i < 100; i++) {
      assertProblem(send("/api/v1/account", "wbt_made-up-" + i, null), 401, "invalid-api-token");
    }
    String valid = new ApiTokenFormat().generate();
    cache.remember(
        TokenCache.keyOf(valid),
        new Introspected(
            "user-1",
            "token-1",
            List.of("account:read"),
            "jwt-1",
            Instant.now().plus(1, ChronoUnit.HOURS)));
    lastPath.set(null);

    HttpResponse<String> response = send("/api/v1/account", valid, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(lastPath.get()).isEqualTo("/api/v1/account");
  }

  @Test
  void aTokenAnywhereInTheQueryStringIsRefusedWhateverItsName() throws Exception {
    String token = new ApiTokenFormat().generate();
    for (String query :
        new String[] {
          "/api/v1/account?key=" + token,
          "/api/v1/account?q=1&next=%2Fx%3Ft%3D" + token + "%26y",
          "/session?" + token,
          "/api/v1/account?note=prefix-" + token + "-suffix"
        }) {
      lastPath.set(null);
      assertProblem(send(query, null, null), 400, "token-in-url");
      assertThat(lastPath.get()).as("nothing reached the service").isNull();
    }
    // text that merely starts like a token is no token
    assertThat(send("/api/v1/account?key=wbt_notatoken", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsWrongMethodsAndUnacceptableAcceptsGetProblems() throws Exception {
    assertProblem(ask("GET", "/no-such-page", "text/html"), 404, "not-found");
    assertProblem(ask("GET", "/api/v2/nothing", "application/json"), 404, "not-found");
    HttpResponse<String> wrongMethod = ask("DELETE", "/session", "application/json");
    assertProblem(wrongMethod, 405, "method-not-allowed");
    assertThat(wrongMethod.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    // what a browser asks: today's answer was Spring's HTML whitelabel page
    assertProblem(ask("GET", "/session", "text/html"), 406, "not-acceptable");
  }

  @Test
  void isReadyAndServesMetricsOnItsManagementPort() throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(management("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    assertThat(management("/actuator/prometheus").body()).contains("application=\"gateway\"");
  }

  @Test
  void thePublicPortAnswers404ForActuatorAndRoutesItNowhere() throws Exception {
    for (String path :
        new String[] {
          "/actuator",
          "/actuator/prometheus",
          "/actuator/health/readiness",
          "/actuator/gateway/routes"
        }) {
      lastPath.set(null);
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).doesNotContain("application=\"gateway\"");
      assertThat(lastPath.get()).as("nothing reached a service").isNull();
    }
  }

  @Test
  void theSessionEndpointSaysNobodyIsLoggedInAndWhereToLogIn() throws Exception {
    HttpResponse<String> response = get("/session");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"authenticated\":false")
        .contains("\"loginUrl\":\"/oauth2/authorization/keycloak\"");
    HttpResponse<String> login = get("/oauth2/authorization/keycloak");
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow())
        .contains("/realms/webase/protocol/openid-connect/auth")
        .contains("client_id=webase-portal")
        .contains("code_challenge_method=S256");
  }

  @Test
  void aLoginStartIsAShortLivedSessionInRedis() throws Exception {
    HttpResponse<String> login = get("/oauth2/authorization/keycloak");
    assertThat(login.statusCode()).isEqualTo(302);
    String key = "webase:gateway:session:sessions:" + sessionCookie(login);
    RedisServer redis = RealServers.redis();
    assertThat(redis.command("EXISTS", key)).as("the pending login is in Redis").isEqualTo(1L);
    assertThat((Long) redis.command("TTL", key))
        .as("a pending login lives 10 minutes, not the 30 of a logged-in session")
        .isBetween(1L, 600L);
  }

  @Test
  void reauthenticationRunsTheLoginAgainWithMaxAgeZeroAndReturnsOnlyToThisSite() throws Exception {
    for (String foreign :
        new String[] {
          "//evil.example/x",
          "/\\evil.example",
          "https://evil.example/",
          "evil",
          "/a b",
          "/a\tb",
          "/{",
          "/%zz"
        }) {
      HttpResponse<String> refused =
          get(
              "/session/reauthenticate?returnTo="
                  + java.net.URLEncoder.encode(foreign, StandardCharsets.UTF_8)
                      .replace("+", "%20"));
      assertProblem(refused, 400, "invalid-return-to");
    }

    HttpResponse<String> started = get("/session/reauthenticate?returnTo=/account/tokens?tab=1");
    assertThat(started.statusCode()).isEqualTo(302);
    assertThat(started.headers().firstValue("Location"))
        .hasValue("/oauth2/authorization/keycloak?reauthenticate");
    String session = sessionCookie(started);
    assertThat(
            (String)
                RealServers.redis()
                    .command("HGET", "webase:gateway:session:sessions:" + session, returnToField()))
        .as("where to come back to is kept in the session")
        .contains("/account/tokens?tab=1");

    HttpResponse<String> toKeycloak =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/oauth2/authorization/keycloak?reauthenticate"))
                .header("Cookie", "SESSION=" + session)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(toKeycloak.statusCode()).isEqualTo(302);
    assertThat(toKeycloak.headers().firstValue("Location").orElseThrow())
        .contains("/realms/webase/protocol/openid-connect/auth")
        .contains("max_age=0")
        .contains("code_challenge_method=S256");
    assertThat(get("/oauth2/authorization/keycloak").headers().firstValue("Location").orElseThrow())
        .as("an ordinary login does not force the password")
        .doesNotContain("max_age");
    assertThat(get("/session").body())
        .contains("\"reauthenticateUrl\":\"/session/reauthenticate\"");
  }

  @Test
  void thePortalPagesAreServedWithAPolicyThatRunsNoInlineScript() throws Exception {
    for (String[] page :
        new String[][] {
          {"/", "/portal/apps.js"},
          {"/settings", "/portal/settings.js"},
          {"/verify-email.html", "/verify-email.js"}
        }) {
      HttpResponse<String> response = ask("GET", page[0], "text/html");
      assertThat(response.statusCode()).as(page[0]).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/html");
      assertThat(response.body()).contains("src=\"" + page[1] + "\"");
      String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .contains("script-src 'self';")
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      HttpResponse<String> script = ask("GET", page[1], "*/*");
      assertThat(script.statusCode()).as(page[1]).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }
    // every page's scripts are files: no <script> element without src, no on* attribute
    try (var pages = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/static"))) {
      for (var file : pages.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = java.nio.file.Files.readString(file);
        assertThat(html).as(file.toString()).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        assertThat(html).as(file.toString()).doesNotContainPattern("\\son[a-z]+=");
        assertThat(html).as(file.toString()).doesNotContainPattern("<style|\\sstyle=");
      }
    }
  }

  private static String returnToField() {
    return "sessionAttr:com.webase.gateway.portal.PortalSecurity$LoggedIn.RETURN_TO";
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("SESSION="))
        .map(c -> c.substring("SESSION=".length(), c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no SESSION cookie: " + response.headers()));
  }

  private static String checksumFree() {
    return "zzzzzz";
  }

  private void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("/problems/" + slug);
  }

  private HttpResponse<String> ask(String method, String path, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(path, null, null);
  }

  private HttpResponse<String> management(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String path, String apiToken, String requestId)
      throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (apiToken != null) {
      request.header("x-api-token", apiToken);
    }
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
