package com.webase.local;

import com.webase.testkit.KafkaServer;
import com.webase.testkit.KeycloakServer;
import com.webase.testkit.PostgresServer;
import com.webase.testkit.RealmSettings;
import com.webase.testkit.RedisServer;
import com.webase.testkit.ServiceProcess;
import com.webase.testkit.SmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine, with real servers and no Docker: PostgreSQL, a Kafka broker,
 * Redis (the gateway's sessions), an SMTP server, Keycloak with the webase realm, then the six
 * services, each in its own process with its own database. Ctrl-C stops everything it started.
 *
 * <p>Data lives in {@code .webase-local/} under the working directory and survives restarts; {@code
 * --reset} deletes it first.
 */
public final class LocalStack {

  static final int GATEWAY = 8080;
  static final int POSTGRES = 5433;
  static final int KAFKA = 9092;
  static final int KAFKA_CONTROLLER = 9093;
  static final int REDIS = 6379;
  static final int SMTP = 2525;
  static final int MAILBOX = 8025;
  static final int KEYCLOAK = 8180;
  static final int KEYCLOAK_MANAGEMENT = 9180;
  static final String DEMO_PASSWORD = "webase-demo-2026";

  /**
   * Every process serves Actuator (health, metrics) on its own management port, this much above its
   * public port (the services' and the gateway's own defaults say the same).
   */
  static final int MANAGEMENT_OFFSET = 1000;

  /** Each service and its port; the gateway last, once the services behind it are up. */
  static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("account-service", 8081);
    SERVICES.put("token-service", 8082);
    SERVICES.put("apps-service", 8083);
    SERVICES.put("records-service", 8084);
    SERVICES.put("notification-service", 8085);
    SERVICES.put("gateway", GATEWAY);
  }

  private final Path root;
  private final Path data;
  private final Deque<AutoCloseable> servers = new ArrayDeque<>();
  private final List<ServiceProcess> services = new ArrayList<>();

  LocalStack(Path root) {
    this.root = root;
    this.data = root.resolve(".webase-local");
  }

  public static void main(String[] args) throws Exception {
    LocalStack stack = new LocalStack(Path.of("").toAbsolutePath());
    if (List.of(args).contains("--reset")) {
      stack.reset();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
    stack.start();
    Thread.currentThread().join(); // until Ctrl-C
  }

  void start() throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(data.resolve("logs"));
    Properties secrets = secrets();

    SmtpServer smtp = remember(SmtpServer.start(SMTP));
    remember(DevMailbox.start(MAILBOX, smtp));
    CompletableFuture<KafkaServer> kafka =
        CompletableFuture.supplyAsync(
            () -> remember(KafkaServer.startLocal(data.resolve("kafka"), KAFKA, KAFKA_CONTROLLER)));
    PostgresServer postgres =
        remember(PostgresServer.startEmbedded(POSTGRES, data.resolve("postgres"), true));
    // sessions only: in memory, so a restart of the stack logs everybody out
    RedisServer redis = remember(RedisServer.startLocal(data.resolve("redis"), REDIS));
    for (String service : SERVICES.keySet()) {
      if (!service.equals("gateway")) {
        postgres.createDatabase(service.replace('-', '_'));
      }
    }
    postgres.createDatabase("keycloak");
    RealmSettings realm =
        new RealmSettings(
            secrets.getProperty("portal-client-secret"),
            secrets.getProperty("gateway-client-secret"),
            secrets.getProperty("account-client-secret"),
            DEMO_PASSWORD,
            smtp.host(),
            smtp.port(),
            "http://localhost:" + GATEWAY);
    KeycloakServer keycloak =
        remember(
            KeycloakServer.startLocal(
                KEYCLOAK,
                KEYCLOAK_MANAGEMENT,
                new KeycloakServer.Storage.Postgres(
                    postgres.jdbcUrl("keycloak"), postgres.user(), postgres.password()),
                realm,
                secrets.getProperty("keycloak-admin-password"),
                data.resolve("logs")));
    // the realm file holds no person: the demo login is this stack's own
    keycloak.ensureDemoUser();
    kafka.join();

    List<ServiceProcess> starting = new ArrayList<>();
    for (var service : SERVICES.entrySet()) {
      starting.add(
          startService(
              service.getKey(), service.getValue(), keycloak, smtp, postgres, redis, secrets));
    }
    for (ServiceProcess service : starting) {
      service.awaitReady(Duration.ofMinutes(3));
      System.out.println("[local] " + service.name() + " ready on port " + service.port());
    }

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        """

        Webase is running (ready in %.1f s). Ctrl-C stops everything.

          Gateway (API, portal)   http://localhost:%d
          Portal login            http://localhost:%d/oauth2/authorization/keycloak  (then /session)
          Live sites              http://{site}.localhost:%d/  (each deployed app on its own origin)
          Keycloak (login)        %s   admin console: %s/admin  (admin / see %s)
          Demo login              %s / %s
          Mailbox (dev)           http://localhost:%d  (every email of the stack, with its links)
          SMTP server             localhost:%d
          PostgreSQL              localhost:%d (user postgres, one database per service)
          Kafka                   localhost:%d
          Redis (sessions)        %s
          Services                %s
          Health, metrics         http://localhost:<port + %d>/actuator/health/readiness, /actuator/prometheus
                                  (management ports %s)
          Logs and data           %s  (reset: deploy/local/run.sh --reset)

        """,
        took.toMillis() / 1e3,
        GATEWAY,
        GATEWAY,
        GATEWAY,
        keycloak.url(),
        keycloak.url(),
        data.resolve("secrets.properties"),
        RealmSettings.DEMO_EMAIL,
        DEMO_PASSWORD,
        MAILBOX,
        SMTP,
        POSTGRES,
        KAFKA,
        redis.url(),
        SERVICES.entrySet().stream().map(e -> e.getKey() + " :" + e.getValue()).toList(),
        MANAGEMENT_OFFSET,
        SERVICES.entrySet().stream()
            .map(e -> e.getKey() + " :" + (e.getValue() + MANAGEMENT_OFFSET))
            .toList(),
        data);
  }

  private ServiceProcess startService(
      String name,
      int port,
      KeycloakServer keycloak,
      SmtpServer smtp,
      PostgresServer postgres,
      RedisServer redis,
      Properties secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WEBASE_DB_HOST", "localhost");
    env.put("WEBASE_DB_PORT", Integer.toString(postgres.port()));
    env.put("WEBASE_DB_USER", postgres.user());
    env.put("WEBASE_DB_PASSWORD", postgres.password());
    env.put("WEBASE_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + KAFKA);
    env.put("WEBASE_KEYCLOAK_URL", keycloak.url());
    env.put("WEBASE_SMTP_HOST", smtp.host());
    env.put("WEBASE_SMTP_PORT", Integer.toString(smtp.port()));
    if (name.equals("token-service")) {
      env.put("WEBASE_TOKEN_ENCRYPTION_SECRET", secrets.getProperty("token-encryption-secret"));
      // one local instance: a signing key per process is enough (JWTs live 5 minutes)
      env.put("WEBASE_TOKEN_SIGNING_GENERATE_IF_MISSING", "true");
    }
    if (name.equals("account-service")) {
      env.put("WEBASE_ACCOUNT_CLIENT_SECRET", secrets.getProperty("account-client-secret"));
    }
    if (name.equals("gateway")) {
      env.put("WEBASE_PORTAL_CLIENT_SECRET", secrets.getProperty("portal-client-secret"));
      env.put("WEBASE_GATEWAY_CLIENT_SECRET", secrets.getProperty("gateway-client-secret"));
      env.put("WEBASE_SECURE_COOKIES", "false"); // plain http on this machine only
      env.put("WEBASE_REDIS_URL", redis.url());
      // the portal's footer links the dev mailbox, so a verification link can be followed
      env.put("WEBASE_DEV_MAILBOX_URL", "http://localhost:" + MAILBOX);
    }
    SERVICES.forEach(
        (service, servicePort) -> {
          String prefix = "WEBASE_" + service.toUpperCase().replace('-', '_');
          env.put(prefix + "_URL", "http://localhost:" + servicePort);
          // the API reference's parts: each service's document on its management port
          env.put(
              prefix + "_DOCS_URL",
              "http://localhost:" + (servicePort + MANAGEMENT_OFFSET) + "/actuator/openapi");
        });
    ServiceProcess process =
        ServiceProcess.start(
            root,
            name,
            name,
            port,
            port + MANAGEMENT_OFFSET,
            env,
            data.resolve("logs").resolve(name + ".log"),
            ServiceProcess.QUICK_START);
    synchronized (services) {
      services.add(process);
    }
    return process;
  }

  /**
   * Generated once and kept in the data directory: nothing secret lives in the repository. A secret
   * added by a newer version is generated into an existing file.
   */
  private Properties secrets() throws IOException {
    Path file = data.resolve("secrets.properties");
    Properties secrets = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newInputStream(file)) {
        secrets.load(in);
      }
    }
    boolean added = false;
    for (String name :
        List.of(
            "portal-client-secret",
            "gateway-client-secret",
            "account-client-secret",
            "keycloak-admin-password",
            "token-encryption-secret")) {
      if (secrets.getProperty(name) == null) {
        secrets.setProperty(name, RealmSettings.secret());
        added = true;
      }
    }
    if (added) {
      try (var out = Files.newOutputStream(file)) {
        secrets.store(out, "Local stack secrets, generated on first start");
      }
    }
    return secrets;
  }

  private void reset() throws IOException {
    if (Files.exists(data)) {
      try (var paths = Files.walk(data)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
      System.out.println("[local] deleted " + data);
    }
  }

  private <T extends AutoCloseable> T remember(T server) {
    synchronized (servers) {
      servers.push(server);
    }
    return server;
  }

  /** The services first, all at once, then the servers they use, newest first. */
  void stop() {
    List<ServiceProcess> runningServices;
    List<AutoCloseable> runningServers;
    synchronized (services) {
      runningServices = new ArrayList<>(services);
      services.clear();
    }
    synchronized (servers) {
      runningServers = new ArrayList<>(servers);
      servers.clear();
    }
    if (runningServices.isEmpty() && runningServers.isEmpty()) {
      return;
    }
    System.out.println("\n[local] stopping…");
    long started = System.nanoTime();
    runningServices.stream()
        .map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(20))))
        .toList()
        .forEach(CompletableFuture::join);
    for (AutoCloseable server : runningServers) {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("[local] could not stop cleanly: " + e);
      }
    }
    System.out.printf("[local] stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }
}
