package com.webase.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A real JWT issuer for tests: an RSA key, its JWKS served over HTTP on loopback, and tokens signed
 * with it. It stands where token-service's internal JWTs come from, so that a service can be tested
 * as an API-token caller would reach it, and a second instance is a foreign issuer that must be
 * refused.
 *
 * <p>Thread-safe.
 */
public final class TestTokenIssuer implements AutoCloseable {

  private static TestTokenIssuer tokenService;

  private final RSAKey key;
  private final HttpServer server;
  private final String issuer;

  private TestTokenIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/.well-known/jwks.json",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
          });
      server.start();
      issuer = "http://localhost:" + server.getAddress().getPort();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new issuer with its own key and address. */
  public static TestTokenIssuer start() {
    return new TestTokenIssuer();
  }

  /** The issuer that the services of this JVM trust as token-service. */
  public static synchronized TestTokenIssuer tokenService() {
    if (tokenService == null) {
      tokenService = start();
    }
    return tokenService;
  }

  public String issuer() {
    return issuer;
  }

  public String jwkSetUri() {
    return issuer + "/.well-known/jwks.json";
  }

  /** A token for {@code subject} with the platform audience, valid for five minutes. */
  public String mint(String subject, List<String> scopes) {
    return mint(subject, scopes, RealmSettings.AUDIENCE, Instant.now().plus(Duration.ofMinutes(5)));
  }

  public String mint(String subject, List<String> scopes, String audience, Instant expiresAt) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience(audience)
            .issueTime(Date.from(expiresAt.isAfter(now) ? now : expiresAt.minusSeconds(60)))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .claim("scope", String.join(" ", scopes))
            // one token per person and set of scopes, as a person's named token is stable
            .claim(
                "token_id",
                "tok_"
                    + UUID.nameUUIDFromBytes(
                        (subject + "|" + String.join(" ", scopes))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
