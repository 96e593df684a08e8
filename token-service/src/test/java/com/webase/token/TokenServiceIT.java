package com.webase.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.spring.WebaseServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** token-service starts on real PostgreSQL and Kafka, migrates its database and reports health. */
@WebaseServiceTest
class TokenServiceIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void migratesItsOwnDatabaseWithTheOutboxAndInboxTables() {
    assertThat(jdbc.sql("select current_database()").query(String.class).single())
        .isEqualTo("token_service");
    assertThat(
            jdbc.sql(
                    "select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list())
        .contains("event_publication", "processed_event", "flyway_schema_history");
  }

  @Test
  void isReadyAndServesMetrics() throws Exception {
    assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").body())
        .contains("application=\"token-service\"")
        .contains("hikaricp_connections");
  }

  @Test
  void refusesTheApiWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/api/v1/anything");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
