package com.webase.token.support;

import com.webase.testkit.KeycloakServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.RealmSettings;
import com.webase.testkit.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Requests to token-service as a person (Keycloak's demo user) or as an API-token caller. */
public final class Callers {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static String personToken;

  private final int port;

  public Callers(int port) {
    this.port = port;
  }

  /** An access token of the realm's demo user, from the real Keycloak. */
  public static synchronized String person() {
    if (personToken == null) {
      KeycloakServer keycloak = RealServers.keycloak();
      keycloak.createDirectGrantClient("token-service-tests");
      personToken =
          keycloak
              .passwordGrant(
                  "token-service-tests", RealmSettings.DEMO_EMAIL, keycloak.realm().demoPassword())
              .get("access_token")
              .asString();
    }
    return personToken;
  }

  /** The internal JWT a program's API token is exchanged for at the gateway. */
  public static String program(String userId) {
    return TestTokenIssuer.tokenService().mint(userId, List.of("apps:read", "apps:write"));
  }

  public HttpResponse<String> send(String method, String path, String bearer, String json)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + bearer)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
