package com.webase.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
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

  /**
   * The common-password list the realm's policy refers to ({@code passwordBlacklist(...)}), from
   * {@code deploy/keycloak/password-blacklists/}; installed into {@code data/password-blacklists/}
   * of every Keycloak the kit runs.
   */
  public static final String PASSWORD_BLACKLIST = "webase-common-passwords.txt";

  public static final String PASSWORD_BLACKLIST_RESOURCE =
      "/webase-testkit/password-blacklists/" + PASSWORD_BLACKLIST;
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
      // the realm's password policy names this list; Keycloak refuses the realm without it
      Path blacklists = Files.createDirectories(home.resolve("data/password-blacklists"));
      try (InputStream list = resource(PASSWORD_BLACKLIST_RESOURCE)) {
        Files.copy(
            list, blacklists.resolve(PASSWORD_BLACKLIST), StandardCopyOption.REPLACE_EXISTING);
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
   * random port): adds its redirect and post-logout URIs to {@code webase-portal}, and makes it the
   * back-channel logout URL (there is one; the gateways share their sessions, so any one of them
   * can end a session made on another).
   */
  public void allowPortalAt(String baseUrl) {
    updatePortalClient(baseUrl, true);
  }

  /**
   * As {@link #allowPortalAt}, but leaves the back-channel logout URL where it is: for one more
   * gateway a test starts beside the one Keycloak already notifies.
   */
  public void allowLoginAt(String baseUrl) {
    updatePortalClient(baseUrl, false);
  }

  private void updatePortalClient(String baseUrl, boolean backChannelLogout) {
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
    if (backChannelLogout) {
      attributes.put("backchannel.logout.url", baseUrl + "/logout/connect/back-channel/keycloak");
      attributes.put("backchannel.logout.session.required", "true");
    }
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
    return sessionIds(email).size();
  }

  /**
   * The ids ({@code sid}) of the Keycloak sessions of the user with this email, oldest first.
   * Keycloak keeps a session's start in whole seconds, so sessions started in the same second come
   * in no particular order: compare them as a set unless they are seconds apart.
   */
  public List<String> sessionIds(String email) {
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
    List<JsonNode> list = new java.util.ArrayList<>();
    sessions.forEach(list::add);
    list.sort(java.util.Comparator.comparingLong(session -> session.path("start").asLong()));
    return list.stream().map(session -> session.get("id").asString()).toList();
  }

  /** Where {@link #browserLogin} pretends to be redirected back to; nothing listens there. */
  public static final String BROWSER_CALLBACK = "http://localhost:1/callback";

  /**
   * Adds a public client with the authorization-code flow and the platform audience, for tests that
   * need a person's token as the portal gets it (with {@code auth_time} and a session id, which the
   * password grant does not give).
   */
  public void createBrowserClient(String clientId) {
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
                true,
                "directAccessGrantsEnabled",
                false,
                "redirectUris",
                List.of(BROWSER_CALLBACK),
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
            HttpRequest.newBuilder(URI.create(adminUrl("/clients")))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (response.statusCode() != 201 && response.statusCode() != 409) {
      throw new IllegalStateException(
          "could not create client " + clientId + ": " + response.statusCode());
    }
  }

  /**
   * Logs in the way a browser does — the realm's real login page, the form posted, the code
   * exchanged — on a client made by {@link #createBrowserClient}. Each call is a new Keycloak
   * session.
   *
   * @return the token response ({@code access_token}, {@code refresh_token}, …)
   * @throws IllegalStateException when Keycloak does not log the user in
   */
  public JsonNode browserLogin(String clientId, String username, String password) {
    // cookies by hand: java.net.CookieManager refuses cookies of a host without a dot (localhost)
    Map<String, String> cookies = new LinkedHashMap<>();
    String authorize =
        issuer()
            + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(BROWSER_CALLBACK, StandardCharsets.UTF_8);
    HttpResponse<String> loginPage = send(HttpRequest.newBuilder(URI.create(authorize)).build());
    keepCookies(loginPage, cookies);
    String page = loginPage.body();
    var action = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(page);
    if (!action.find()) {
      throw new IllegalStateException("no login form on Keycloak's page");
    }
    HttpResponse<String> posted =
        send(
            HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Cookie",
                    cookies.entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(Map.of("username", username, "password", password))))
                .build());
    String location = posted.headers().firstValue("Location").orElse("");
    var code = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(location);
    if (posted.statusCode() != 302 || !location.startsWith(BROWSER_CALLBACK) || !code.find()) {
      String body = posted.body();
      var message =
          java.util.regex.Pattern.compile(
                  "(?s)<span[^>]*(kc-feedback-text|input-error)[^>]*>(.*?)</span>")
              .matcher(body);
      throw new IllegalStateException(
          "Keycloak did not log "
              + username
              + " in: "
              + posted.statusCode()
              + " "
              + location
              + (message.find() ? " " + message.group(2).strip() : " " + body.length() + " bytes"));
    }
    HttpResponse<String> tokens =
        postForm(
            tokenEndpoint(),
            Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                clientId,
                "code",
                URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri",
                BROWSER_CALLBACK));
    if (tokens.statusCode() != 200) {
      throw new IllegalStateException("code exchange refused: " + tokens.statusCode());
    }
    return JSON.readTree(tokens.body());
  }

  private static void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
  }

  /** Whether a refresh token still works, i.e. its Keycloak session is alive. */
  public boolean refreshWorks(String clientId, String refreshToken) {
    return postForm(
                tokenEndpoint(),
                Map.of(
                    "grant_type", "refresh_token",
                    "client_id", clientId,
                    "refresh_token", refreshToken))
            .statusCode()
        == 200;
  }

  /**
   * Creates an enabled user with a verified email (also its username, as in the realm) and a
   * password.
   *
   * @return the user's id
   */
  public String createUser(String email, String password, String firstName, String lastName) {
    HttpResponse<String> response = postUser(email, password, firstName, lastName);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "could not create user " + email + ": " + response.statusCode() + " " + response.body());
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * Adds the demo user ({@link RealmSettings#DEMO_EMAIL} with the realm settings' demo password)
   * unless it exists: the realm file holds no person, so that importing it in production creates
   * none; the local stack and the tests add theirs here.
   */
  public void ensureDemoUser() {
    if (realm.demoPassword() == null) {
      return; // an external Keycloak without WEBASE_DEMO_PASSWORD: tests that need it will say so
    }
    HttpResponse<String> response =
        postUser(RealmSettings.DEMO_EMAIL, realm.demoPassword(), "Demo", "User");
    if (response.statusCode() != 201 && response.statusCode() != 409) {
      throw new IllegalStateException(
          "could not create the demo user: " + response.statusCode() + " " + response.body());
    }
  }

  /**
   * Sets a user's password through the admin API, as an administrator or account-service does.
   *
   * @return null when Keycloak accepted it, otherwise its refusal ({@code error} and {@code
   *     error_description} as Keycloak gives them)
   */
  public JsonNode setPassword(String userId, String password) {
    String body =
        JSON.writeValueAsString(Map.of("type", "password", "value", password, "temporary", false));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(adminUrl("/users/" + userId + "/reset-password")))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (response.statusCode() == 204) {
      return null;
    }
    if (response.statusCode() != 400) {
      throw new IllegalStateException(
          "could not set the password: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> postUser(
      String email, String password, String firstName, String lastName) {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "username", email,
                "email", email,
                "emailVerified", true,
                "enabled", true,
                "firstName", firstName,
                "lastName", lastName,
                "credentials",
                    List.of(Map.of("type", "password", "value", password, "temporary", false))));
    return send(
        HttpRequest.newBuilder(URI.create(adminUrl("/users")))
            .header("Authorization", "Bearer " + adminToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** The admin API's representation of a user, or null when there is none with this id. */
  public JsonNode user(String userId) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(adminUrl("/users/" + userId)))
                .header("Authorization", "Bearer " + adminToken())
                .build());
    return response.statusCode() == 404 ? null : JSON.readTree(response.body());
  }

  /** The realm's user profile configuration (attributes and their validators). */
  public JsonNode userProfile() {
    return JSON.readTree(
        send(HttpRequest.newBuilder(URI.create(adminUrl("/users/profile")))
                .header("Authorization", "Bearer " + adminToken())
                .build())
            .body());
  }

  private String adminUrl(String path) {
    return url + "/admin/realms/" + RealmSettings.REALM + path;
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
    return send(
        HttpRequest.newBuilder(URI.create(endpoint))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)))
            .build());
  }

  private static String form(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static InputStream realmDefinition() {
    return resource("/webase-testkit/realm-webase.json");
  }

  private static InputStream resource(String name) {
    InputStream in = KeycloakServer.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is missing from the test kit");
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
