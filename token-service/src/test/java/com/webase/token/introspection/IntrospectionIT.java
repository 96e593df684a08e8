package com.webase.token.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.webase.testkit.KeycloakServer;
import com.webase.testkit.RealServers;
import com.webase.token.defaulttoken.DefaultTokens;
import com.webase.token.named.NamedTokens;
import com.webase.token.support.Callers;
import com.webase.token.support.TokenServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's question, asked with the gateway's real Keycloak client-credentials token. */
@TokenServiceTest
class IntrospectionIT {

  private static final JsonMapper json = new JsonMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired DefaultTokens defaultTokens;
  @Autowired NamedTokens namedTokens;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void theManagementPortServesTheSameKeysAsThePublicJwks() throws Exception {
    // where the services read them in a deployment, so that only the gateway needs the API port
    var managed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/jwks"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(managed.statusCode()).isEqualTo(200);
    JWKSet keys = JWKSet.parse(managed.body());
    assertThat(keys.getKeys()).isNotEmpty().allMatch(key -> !key.isPrivate());
    assertThat(keys.toJSONObject())
        .isEqualTo(JWKSet.parse(get("/.well-known/jwks.json").body()).toJSONObject());
  }

  @Test
  void anActiveTokenYieldsItsOwnerScopesAndAShortLivedSignedJwt() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    var shown = defaultTokens.show(userId);

    JsonNode answer = introspect(gateway(), shown.token());

    assertThat(answer.get("active").asBoolean()).isTrue();
    assertThat(answer.get("sub").asString()).isEqualTo(userId);
    assertThat(answer.get("tokenId").asString()).isEqualTo(shown.stored().id().toString());
    SignedJWT jwt = SignedJWT.parse(answer.get("jwt").asString());
    RSAKey key =
        (RSAKey)
            JWKSet.parse(get("/.well-known/jwks.json").body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(userId);
    assertThat(claims.getAudience()).containsExactly("webase-services");
    assertThat(claims.getStringClaim("token_id")).isEqualTo(shown.stored().id().toString());
    assertThat(claims.getStringClaim("scope"))
        .isEqualTo(
            "account:read account:write apps:read apps:write records:read records:write deploy");
    assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(answer.get("exp").asLong())
        .isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
  }

  @Test
  void aMalformedTokenIsRefusedWithoutALookUp() throws Exception {
    String token = defaultTokens.show("user-" + UUID.randomUUID()).token();
    String typo =
        token.substring(0, 10) + (token.charAt(10) == 'a' ? 'b' : 'a') + token.substring(11);
    double malformedBefore = count("malformed");
    double unknownBefore = count("unknown");

    // RFC 7662: an inactive answer says nothing else
    assertThat(introspect(gateway(), typo).toString()).isEqualTo("{\"active\":false}");
    assertThat(introspect(gateway(), "not a token").toString()).isEqualTo("{\"active\":false}");

    assertThat(count("malformed")).isEqualTo(malformedBefore + 2);
    assertThat(count("unknown")).isEqualTo(unknownBefore);
  }

  @Test
  void aRegeneratedTokenIsInactiveAtOnceUnlessInItsGracePeriod() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    String first = defaultTokens.show(userId).token();
    String second = defaultTokens.regenerate(userId, Duration.ZERO).current().token();
    defaultTokens.regenerate(userId, Duration.ofSeconds(60));

    assertThat(introspect(gateway(), first).get("active").asBoolean()).isFalse();
    assertThat(introspect(gateway(), second).get("active").asBoolean()).isTrue();
  }

  @Test
  void aDefaultTokenMadeBeforeTheAccountScopesMayUseThemToo() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    var shown = defaultTokens.show(userId);
    // as a row made before account:read and account:write existed holds them
    jdbc.sql(
            "update api_token set scopes = '{apps:read,apps:write,records:read,records:write,deploy}'"
                + " where id = ?")
        .param(shown.stored().id())
        .update();

    JsonNode answer = introspect(gateway(), shown.token());

    assertThat(answer.get("scopes").toString()).contains("\"account:read\"", "\"account:write\"");
    assertThat(
            SignedJWT.parse(answer.get("jwt").asString()).getJWTClaimsSet().getStringClaim("scope"))
        .contains("account:read", "account:write");
  }

  @Test
  void anExpiredNamedTokenIsInactive() throws Exception {
    String userId = "user-" + UUID.randomUUID();
    var issued =
        namedTokens.create(
            userId, "short-lived", List.of("apps:read"), Instant.now().plusSeconds(3600));
    jdbc.sql("update api_token set expires_at = now() - interval '1 second' where id = ?")
        .param(issued.stored().id())
        .update();

    assertThat(introspect(gateway(), issued.token()).get("active").asBoolean()).isFalse();
  }

  @Test
  void useIsRecordedOffTheRequestPath() throws Exception {
    var shown = defaultTokens.show("user-" + UUID.randomUUID());

    introspect(gateway(), shown.token());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("select last_used_at is not null from api_token where id = ?")
                    .param(shown.stored().id())
                    .query(Boolean.class)
                    .single());
  }

  @Test
  void nobodyButTheGatewayMayIntrospect() throws Exception {
    String token = defaultTokens.show("user-" + UUID.randomUUID()).token();

    assertThat(post(Callers.person(), token).statusCode()).isEqualTo(401);
    assertThat(post(Callers.program("user-1"), token).statusCode()).isEqualTo(401);
    KeycloakServer keycloak = RealServers.keycloak();
    String accountService =
        keycloak.clientCredentials(
            "account-service", keycloak.realm().accountServiceClientSecret());
    assertThat(post(accountService, token).statusCode()).isEqualTo(401);
    assertThat(post(null, token).statusCode()).isEqualTo(401);
  }

  private static String gateway() {
    KeycloakServer keycloak = RealServers.keycloak();
    return keycloak.clientCredentials("webase-gateway", keycloak.realm().gatewayClientSecret());
  }

  private double count(String outcome) {
    var counter = meters.find("webase.tokens.introspections").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private JsonNode introspect(String bearer, String token) throws Exception {
    HttpResponse<String> response = post(bearer, token);
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> post(String bearer, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/internal/v1/introspect"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    json.writeValueAsString(java.util.Map.of("token", token))));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
