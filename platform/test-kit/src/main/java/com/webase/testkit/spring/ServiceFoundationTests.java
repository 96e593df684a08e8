package com.webase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * What every service built on the service kit must do, proven against the real servers: it migrates
 * its own database, reports health and serves metrics on its management port and never on its
 * public one, and refuses its API without a token. A service's test extends this class and is
 * annotated {@link WebaseServiceTest}.
 */
public abstract class ServiceFoundationTests {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  @Test
  void migratesItsOwnDatabaseWithTheOutboxAndInboxTables() throws Exception {
    String service = environment.getRequiredProperty("spring.application.name");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getCatalog()).isEqualTo(service.replace('-', '_'));
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("outbox_event", "processed_event", "flyway_schema_history");
    }
  }

  @Test
  void isReadyAndServesMetricsOnItsManagementPort() throws Exception {
    String service = environment.getRequiredProperty("spring.application.name");
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(get(managementPort, "/actuator/health/readiness").body())
        .contains("\"status\":\"UP\"");
    assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get(managementPort, "/actuator/prometheus").body())
        .contains("application=\"" + service + "\"")
        .contains("hikaricp_connections");
  }

  @Test
  void itsPublicPortHasNoActuator() throws Exception {
    for (String path :
        List.of("/actuator/prometheus", "/actuator/health/readiness", "/actuator/info")) {
      HttpResponse<String> response = get(port, path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
  }

  /**
   * The service's OpenAPI document is on the management port, where the gateway reads it for the
   * one reference it serves; the public port has none. A copy is left in {@code
   * target/openapi/<service>.json} for the reader of a failed build.
   */
  @Test
  void servesItsApiDocumentOnItsManagementPortOnly() throws Exception {
    String service = environment.getRequiredProperty("spring.application.name");
    HttpResponse<String> document = get(managementPort, "/actuator/openapi");
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body()).contains("\"paths\":{\"/api/v1/").doesNotContain("/internal/");
    java.nio.file.Path copy = java.nio.file.Path.of("target", "openapi", service + ".json");
    java.nio.file.Files.createDirectories(copy.getParent());
    java.nio.file.Files.writeString(copy, document.body());
    assertThat(get(port, "/v3/api-docs").statusCode()).isIn(401, 404);
    assertThat(get(port, "/actuator/openapi").statusCode()).isEqualTo(404);
  }

  @Test
  void refusesTheApiWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/api/v1/anything");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(port, path);
  }

  private HttpResponse<String> get(int toPort, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + toPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
