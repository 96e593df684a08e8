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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway starts, reports health and metrics, and routes an API path to its service. */
@WebaseServiceTest(database = false)
class GatewayIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<String> lastPath = new AtomicReference<>();
  private static HttpServer accountService;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void accountServiceStandIn(DynamicPropertyRegistry registry) throws IOException {
    accountService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    accountService.createContext(
        "/",
        exchange -> {
          lastPath.set(exchange.getRequestURI().getPath());
          byte[] body = "{\"from\":\"account-service\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    accountService.start();
    registry.add(
        "WEBASE_ACCOUNT_SERVICE_URL",
        () -> "http://localhost:" + accountService.getAddress().getPort());
  }

  @AfterAll
  static void stopStandIn() {
    accountService.stop(0);
  }

  @Test
  void routesTheAccountPathToAccountService() throws Exception {
    HttpResponse<String> response = get("/api/v1/account");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("account-service");
    assertThat(lastPath.get()).isEqualTo("/api/v1/account");
  }

  @Test
  void isReadyAndServesMetrics() throws Exception {
    assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/prometheus").body()).contains("application=\"gateway\"");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
