package com.webase.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.webase.testkit.spring.WebaseServiceTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sites origin through the gateway, with a stand-in apps-service that records what reaches it:
 * {@code {site}.localhost} is routed to {@code /sites/{site}/…} without any credential, and never
 * sets a cookie; the portal's origin has no {@code /sites} route.
 */
@WebaseServiceTest(database = false, redis = true)
class GatewaySitesIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<String> lastUri = new AtomicReference<>();
  private static final AtomicReference<Map<String, List<String>>> lastHeaders =
      new AtomicReference<>();
  private static HttpServer appsService;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void standIn(DynamicPropertyRegistry registry) throws IOException {
    appsService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    appsService.createContext(
        "/",
        exchange -> {
          lastUri.set(exchange.getRequestURI().toString());
          lastHeaders.set(Map.copyOf(exchange.getRequestHeaders()));
          byte[] body = "<h1>site</h1>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.getResponseHeaders().add("Set-Cookie", "tracker=1");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    appsService.start();
    registry.add(
        "WEBASE_APPS_SERVICE_URL", () -> "http://localhost:" + appsService.getAddress().getPort());
  }

  @AfterAll
  static void stopStandIn() {
    appsService.stop(0);
  }

  @Test
  void aSiteHostReachesItsSiteWithoutAnyCredentialAndSetsNoCookie() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://my-site.localhost:" + port + "/docs/page.html?lang=en"))
                .header("Cookie", "SESSION=portal-session; XSRF-TOKEN=abc")
                .header("Authorization", "Bearer some.jwt.value")
                .header("x-api-token", "wbt_not_to_be_seen")
                .header("X-XSRF-TOKEN", "abc")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<h1>site</h1>");
    assertThat(lastUri.get()).isEqualTo("/sites/my-site/docs/page.html?lang=en");
    assertThat(lastHeaders.get().keySet())
        .map(String::toLowerCase)
        .doesNotContain("cookie", "authorization", "x-api-token", "x-xsrf-token");
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void everyPathOfASiteHostIsTheSitesEvenTheGatewaysOwn() throws Exception {
    var session =
        http.send(
            HttpRequest.newBuilder(URI.create("http://my-site.localhost:" + port + "/session"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    var root =
        http.send(
            HttpRequest.newBuilder(URI.create("http://other-site.localhost:" + port + "/")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(session.body()).isEqualTo("<h1>site</h1>");
    assertThat(lastUri.get()).isEqualTo("/sites/other-site/");
    assertThat(root.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void aHostUnderTheSitesDomainThatIsNoSiteIsNeitherASiteNorThePortal() throws Exception {
    lastUri.set(null);
    for (String host : new String[] {"a.b.localhost", "x".repeat(64) + ".localhost"}) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/session"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(host).isEqualTo(404);
      assertThat(response.body()).as(host).contains("site-page-not-found");
      assertThat(response.headers().allValues("Set-Cookie")).as(host).isEmpty();
    }
    assertThat(lastUri.get()).isNull();
  }

  @Test
  void aSitesOwnQueryStringIsItsOwnEvenWithATokenLikeName() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://my-site.localhost:" + port + "/reset?token=abc"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(lastUri.get()).isEqualTo("/sites/my-site/reset?token=abc");
  }

  @Test
  void thePortalsOriginHasNoSitesRoute() throws Exception {
    lastUri.set(null);
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sites/my-site/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(lastUri.get()).isNull();
  }

  @Test
  void aHostThatIsNoSiteNameIsNoSite() throws Exception {
    lastUri.set(null);
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/anything"))
                .header("X-Forwarded-Host", "evil.localhost")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(lastUri.get()).isNull();
  }
}
