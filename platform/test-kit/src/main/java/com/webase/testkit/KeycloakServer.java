package com.webase.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak server with the {@code webase} realm: the 26.x distribution from Maven Central,
 * unpacked once into a cache directory and run in dev mode as a child process, or one already
 * running and reached by URL.
 *
 * <p>Thread-safe once started.
 */
public final class KeycloakServer implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static final JsonMapper JSON = new JsonMapper();

  private final String url;
  private final String adminUser;
  private final String adminPassword;
  private final RealmSettings realm;
  private final ChildProcess process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(
      String url,
      String adminUser,
      String adminPassword,
      RealmSettings realm,
      ChildProcess process) {
    this.url = url;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
    this.realm = realm;
    this.process = process;
  }

  /** Where Keycloak keeps its own data. */
  public sealed interface Storage {
    /** Lost when the server stops: for tests, which import the realm afresh. */
    record InMemory() implements Storage {}

    /** A PostgreSQL database: users and sessions survive a restart. */
    record Postgres(String jdbcUrl, String user, String password) implements Storage {}
  }

  /**
   * Starts Keycloak on {@code port} with the realm imported, and returns when the realm answers.
   *
   * @param workDirectory where its log goes
   */
  public static KeycloakServer startLocal(
      int port,
      int managementPort,
      Storage storage,
      RealmSettings realm,
      String adminPassword,
      Path workDirectory) {
    long started = System.nanoTime();
    Ports.requireFree(port, "Keycloak");
    Ports.requireFree(managementPort, "Keycloak management");
    String flavour = storage instanceof Storage.Postgres ? "postgres" : "in-memory";
    Path home = unpackedDistribution(flavour);
    try {
      Path imports = Files.createDirectories(home.resolve("data/import"));
      try (InputStream realmJson = realmDefinition()) {
        Files.copy(
            realmJson, imports.resolve("realm-webase.json"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--import-realm"));
    switch (storage) {
      case Storage.InMemory ignored -> command.add("--db=dev-mem");
      case Storage.Postgres pg -> {
        command.add("--db=postgres");
        command.add("--db-url=" + pg.jdbcUrl());
        command.add("--db-username=" + pg.user());
        command.add("--db-password=" + pg.password());
      }
    }
    Map<String, String> env = new LinkedHashMap<>(realm.environment());
    env.put("JAVA_HOME", JavaCommand.javaHome());
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    ChildProcess process =
        ChildProcess.start("keycloak", command, home, env, workDirectory.resolve("keycloak.log"));
    String url = "http://localhost:" + port;
    KeycloakServer server = new KeycloakServer(url, "admin", adminPassword, realm, process);
    Waiting.until(
        "Keycloak on port " + port,
        STARTUP,
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("Keycloak exited:\n" + process.tail(60));
          }
          return server.realmAnswers();
        },
        () -> process.tail(60));
    StartupLog.ready(
        "Keycloak " + distributionProperties().getProperty("keycloak.version"), url, started);
    return server;
  }

  /** A Keycloak that is already running with the realm imported. */
  public static KeycloakServer external(
      String url, String adminUser, String adminPassword, RealmSettings realm) {
    KeycloakServer server = new KeycloakServer(url, adminUser, adminPassword, realm, null);
    if (!server.realmAnswers()) {
      throw new IllegalStateException("no webase realm at " + url);
    }
    return server;
  }

  public String url() {
    return url;
  }

  /** The {@code iss} of the realm's tokens. */
  public String issuer() {
    return url + "/realms/" + RealmSettings.REALM;
  }

  public String jwkSetUri() {
    return issuer() + "/protocol/openid-connect/certs";
  }

  public String tokenEndpoint() {
    return issuer() + "/protocol/openid-connect/token";
  }

  public RealmSettings realm() {
    return realm;
  }

  /**
   * Obtains tokens for a user with the resource-owner password grant on {@code clientId}, which
   * must allow direct access grants (see {@link #createDirectGrantClient(String)}).
   *
   * @return the token response: {@code access_token}, {@code refresh_token}, …
   */
  public JsonNode passwordGrant(String clientId, String username, String password) {
    HttpResponse<String> response =
        postForm(
            tokenEndpoint(),
            Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password,
                "scope", "openid"));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "password grant for "
              + username
              + " refused: "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** An access token for a confidential client itself (client-credentials grant). */
  public String clientCredentials(String clientId, String clientSecret) {
    HttpResponse<String> response =
        postForm(
            tokenEndpoint(),
            Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", clientSecret));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "client credentials for " + clientId + " refused: " + response.statusCode());
    }
    return JSON.readTree(response.body()).get("access_token").asString();
  }

  /**
   * Adds a public client with direct access grants to the realm — for tests only: the realm the
   * platform ships has no such client, since the portal logs in through the browser.
   */
  public void createDirectGrantClient(String clientId) {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "clientId",
                clientId,
                "enabled",
                true,
                "publicClient",
                true,
                "standardFlowEnabled",
                false,
                "directAccessGrantsEnabled",
                true,
                "protocolMappers",
                List.of(
                    Map.of(
                        "name",
                        "webase-services-audience",
                        "protocol",
                        "openid-connect",
                        "protocolMapper",
                        "oidc-audience-mapper",
                        "config",
                        Map.of(
                            "included.custom.audience",
                            RealmSettings.AUDIENCE,
                            "access.token.claim",
                            "true")))));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    URI.create(url + "/admin/realms/" + RealmSettings.REALM + "/clients"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (response.statusCode() != 201 && response.statusCode() != 409) {
      throw new IllegalStateException(
          "could not create client "
              + clientId
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  /**
   * Lets the portal client log in through a gateway at {@code baseUrl} (e.g. a test's gateway on a
   * random port): adds its redirect and post-logout URIs to {@code webase-portal}.
   */
  public void allowPortalAt(String baseUrl) {
    String clients = url + "/admin/realms/" + RealmSettings.REALM + "/clients";
    String token = adminToken();
    JsonNode found =
        JSON.readTree(
            send(HttpRequest.newBuilder(URI.create(clients + "?clientId=webase-portal"))
                    .header("Authorization", "Bearer " + token)
                    .build())
                .body());
    var client = (ObjectNode) found.get(0);
    var redirects = (ArrayNode) client.get("redirectUris");
    redirects.add(baseUrl + "/login/oauth2/code/keycloak");
    var attributes = (ObjectNode) client.get("attributes");
    String logout = attributes.path("post.logout.redirect.uris").asString("");
    attributes.put(
        "post.logout.redirect.uris", (logout.isEmpty() ? "" : logout + "##") + baseUrl + "/*");
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asString()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
                .build());
    if (response.statusCode() != 204) {
      throw new IllegalStateException(
          "could not update webase-portal: " + response.statusCode() + " " + response.body());
    }
  }

  /** How many Keycloak sessions the user with this email has right now. */
  public int sessionCount(String email) {
    String users = url + "/admin/realms/" + RealmSettings.REALM + "/users";
    String token = adminToken();
    JsonNode found =
        JSON.readTree(
            send(HttpRequest.newBuilder(
                        URI.create(
                            users
                                + "?exact=true&email="
                                + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token)
                    .build())
                .body());
    JsonNode sessions =
        JSON.readTree(
            send(HttpRequest.newBuilder(
                        URI.create(users + "/" + found.get(0).get("id").asString() + "/sessions"))
                    .header("Authorization", "Bearer " + token)
                    .build())
                .body());
    return sessions.size();
  }

  /** An access token of the master realm's admin, for the admin REST API. */
  public String adminToken() {
    HttpResponse<String> response =
        postForm(
            url + "/realms/master/protocol/openid-connect/token",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                adminUser,
                "password",
                adminPassword));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("admin login refused: " + response.statusCode());
    }
    return JSON.readTree(response.body()).get("access_token").asString();
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop(Duration.ofSeconds(15));
    }
  }

  private boolean realmAnswers() {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
              .timeout(Duration.ofSeconds(2))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpResponse<String> postForm(String endpoint, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(endpoint))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static InputStream realmDefinition() {
    InputStream in = KeycloakServer.class.getResourceAsStream("/webase-testkit/realm-webase.json");
    if (in == null) {
      throw new IllegalStateException("realm-webase.json is missing from the test kit");
    }
    return in;
  }

  static Properties distributionProperties() {
    Properties properties = new Properties();
    try (InputStream in = KeycloakServer.class.getResourceAsStream("/webase-testkit.properties")) {
      properties.load(in);
      return properties;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("webase-testkit.properties is missing from the test kit", e);
    }
  }

  /**
   * The distribution unpacked into the cache directory, once per version and flavour (Keycloak
   * rebuilds itself in place for its database kind, so each kind gets its own copy).
   */
  static synchronized Path unpackedDistribution(String flavour) {
    Properties properties = distributionProperties();
    String version = properties.getProperty("keycloak.version");
    Path zip = Path.of(properties.getProperty("keycloak.distribution"));
    Path target = CacheDirectory.get().resolve("keycloak-" + version + "-" + flavour);
    Path home = target.resolve("keycloak-" + version);
    if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
      return home;
    }
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          "Keycloak distribution not found at " + zip + "; build with ./mvnw so Maven fetches it");
    }
    long started = System.nanoTime();
    try {
      Path partial =
          Files.createDirectories(
              target.resolveSibling(
                  target.getFileName() + ".partial-" + ProcessHandle.current().pid()));
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path out = partial.resolve(entry.getName()).normalize();
          if (!out.startsWith(partial)) {
            throw new IOException("zip entry outside the target: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      try (var scripts = Files.list(partial.resolve("keycloak-" + version + "/bin"))) {
        for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
          Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException lostRace) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
          throw lostRace;
        }
      }
      StartupLog.ready("Keycloak distribution unpacked", target.toString(), started);
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack " + zip, e);
    }
  }
}
