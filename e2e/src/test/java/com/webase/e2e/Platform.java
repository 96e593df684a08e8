package com.webase.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.webase.testkit.KafkaServer;
import com.webase.testkit.KeycloakServer;
import com.webase.testkit.Ports;
import com.webase.testkit.PostgresServer;
import com.webase.testkit.RealServers;
import com.webase.testkit.RealmSettings;
import com.webase.testkit.RedisServer;
import com.webase.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The part of the platform these tests drive, started once per test JVM from the built jars:
 *
 * <ul>
 *   <li>{@code token-service} ({@link #tokenService}) — the API routes of both gateways lead here;
 *   <li>{@code token-service-2} ({@link #introspectionOfB}) — a second replica (same database, keys
 *       and secret) that only gateway B introspects with, so a test can take B's introspection away
 *       while the route behind B still answers: no other service has an API-token endpoint yet. Its
 *       sudo window is short ({@link #SUDO_WINDOW_OF_TOKEN_SERVICE_2}), which introspection never
 *       looks at: only gateway C's routes lead to it;
 *   <li>{@code account-service} ({@link #accountService}) — the account routes of both gateways
 *       lead here; it administers the test Keycloak's users;
 *   <li>{@code notification-service} — mails through the test JVM's SMTP server ({@link
 *       RealServers#smtp()}), with links to gateway A;
 *   <li>{@code apps-service} ({@link #appsService}) — behind both gateways; its sites are served on
 *       {@code {site}.localhost:<gateway A>};
 *   <li>{@code gateway-a} and {@code gateway-b} — two instances, each with its own revocation
 *       consumer group, sharing their portal sessions in Redis; A can be restarted ({@link
 *       #restartGatewayA}) and is Keycloak's back-channel logout URL. A has a small per-token quota
 *       (30 a minute) for the rate-limit test;
 *   <li>{@code gateway-c} — started only by the test that needs it ({@link #startGatewayC}): its
 *       token routes lead to token-service-2, so a login there is too old for sudo mode after
 *       seconds, not the 15 minutes other tests would have to wait.
 * </ul>
 *
 * on the kit's real PostgreSQL, Kafka, Redis and Keycloak. Logs go to {@code target/e2e-logs/}.
 */
final class Platform {

  static final int GATEWAY_A_TOKEN_QUOTA = 30;

  /**
   * Unknown tokens (ones token-service had to be asked about) one address may send gateway A a
   * minute; malformed and cached tokens do not count (decision record 0025). Above the revocation
   * rounds' few hundred refused old tokens, which count too.
   */
  static final int GATEWAY_A_FAILED_AUTH_LIMIT = 1000;

  /** Gateway B remembers tokens for 20 s (2 min by default), so a test can outlive it. */
  static final Duration CACHE_TTL_OF_B = Duration.ofSeconds(20);

  /**
   * How recent a login token-service-2 asks for before it shows the full token (15 minutes by
   * default). token-service keeps the default: GatewayEndToEndIT regenerates tokens for minutes on
   * one login.
   */
  static final Duration SUDO_WINDOW_OF_TOKEN_SERVICE_2 = Duration.ofSeconds(15);

  private static Platform started;

  final KeycloakServer keycloak;
  final PostgresServer postgres;
  final ServiceProcess tokenService;
  final ServiceProcess accountService;
  final ServiceProcess appsService;
  final ServiceProcess recordsService;
  final RedisServer redis;

  /** Receives every process's spans over OTLP ({@link TracingEndToEndIT}). */
  final SpanCollector spans = new SpanCollector();

  /**
   * Each service's management port, where its own OpenAPI document is ({@code /actuator/openapi}).
   */
  final Map<String, Integer> managementPorts;

  volatile ServiceProcess gatewayA;
  final ServiceProcess gatewayB;
  private final Map<String, String> gatewayAEnv;
  private final Map<String, String> gatewayEnv;
  final Path logs;
  private final Map<String, String> tokenServiceEnv;
  private final Map<String, String> tokenService2Env;
  private final int introspectionPortOfB;
  private volatile ServiceProcess introspectionOfB;
  private final List<ServiceProcess> all = new ArrayList<>();

  private static RuntimeException failedToStart;

  /**
   * The platform, started on first use. If it fails to start, what it had started is stopped and
   * every later test fails at once with the same error, instead of starting another platform.
   */
  static synchronized Platform get() {
    if (failedToStart != null) {
      throw failedToStart;
    }
    if (started == null) {
      try {
        started = new Platform();
      } catch (RuntimeException e) {
        failedToStart = e;
        throw e;
      }
    }
    return started;
  }

  private Platform() {
    long begin = System.nanoTime();
    Path root = Path.of("").toAbsolutePath().getParent();
    logs = Path.of("target", "e2e-logs").toAbsolutePath();
    try {
      Files.createDirectories(logs);
      // a process appends to its log (a restarted gateway keeps its history); a new platform
      // starts them empty, so that they hold this run only
      try (var old = Files.list(logs)) {
        for (Path file : old.filter(f -> f.toString().endsWith(".log")).toList()) {
          Files.delete(file);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CompletableFuture<KeycloakServer> keycloakStarting =
        CompletableFuture.supplyAsync(RealServers::keycloak);
    postgres = RealServers.postgres();
    KafkaServer kafka = RealServers.kafka();
    redis = RealServers.redis();
    postgres.createDatabase("token_service");
    postgres.createDatabase("account_service");
    postgres.createDatabase("notification_service");
    postgres.createDatabase("apps_service");
    postgres.createDatabase("records_service");
    keycloak = keycloakStarting.join();

    int tokenPort = Ports.free();
    int accountPort = Ports.free();
    int notificationPort = Ports.free();
    int appsPort = Ports.free();
    int recordsPort = Ports.free();
    introspectionPortOfB = Ports.free();
    // each service's management port is chosen here: the gateways read the API documents there
    Map<String, Integer> management = new LinkedHashMap<>();
    for (String service :
        List.of(
            "token-service",
            "account-service",
            "notification-service",
            "apps-service",
            "records-service")) {
      management.put(service, Ports.free());
    }
    managementPorts = Map.copyOf(management);
    int gatewayAPort = Ports.free();
    int gatewayBPort = Ports.free();

    Map<String, String> common = new LinkedHashMap<>();
    common.put("WEBASE_DB_HOST", "localhost");
    common.put("WEBASE_DB_PORT", Integer.toString(postgres.port()));
    common.put("WEBASE_DB_USER", postgres.user());
    common.put("WEBASE_DB_PASSWORD", postgres.password());
    common.put("WEBASE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    common.put("WEBASE_KEYCLOAK_URL", keycloak.url());
    common.put("WEBASE_TOKEN_SERVICE_URL", "http://localhost:" + tokenPort);
    common.put("WEBASE_ACCOUNT_SERVICE_URL", "http://localhost:" + accountPort);
    common.put("WEBASE_NOTIFICATION_SERVICE_URL", "http://localhost:" + notificationPort);
    common.put("WEBASE_APPS_SERVICE_URL", "http://localhost:" + appsPort);
    common.put("WEBASE_RECORDS_SERVICE_URL", "http://localhost:" + recordsPort);
    // as in a deployment: the services read token-service's JWKS on its management port
    common.put(
        "WEBASE_TOKEN_SERVICE_JWKS_URL",
        "http://localhost:" + management.get("token-service") + "/actuator/jwks");
    // as in production (deploy/compose, deploy/k8s): JSON logs, and spans exported over OTLP
    common.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    common.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", spans.endpoint());
    common.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "500ms");
    management.forEach(
        (service, port) ->
            common.put(
                "WEBASE_" + service.toUpperCase().replace('-', '_') + "_DOCS_URL",
                "http://localhost:" + port + "/actuator/openapi"));

    tokenServiceEnv = new LinkedHashMap<>(common);
    tokenServiceEnv.put("WEBASE_TOKEN_ENCRYPTION_SECRET", RealmSettings.secret() + "-e2e");
    tokenServiceEnv.put("WEBASE_TOKEN_SIGNING_JWKS", signingKeys());
    tokenService2Env = new LinkedHashMap<>(tokenServiceEnv);
    tokenService2Env.put(
        "WEBASE_TOKENS_RECENTLOGIN", SUDO_WINDOW_OF_TOKEN_SERVICE_2.toSeconds() + "s");

    if (Boolean.getBoolean("e2e.trace-revocations")) {
      // timestamps of every send (token-service) and eviction (gateways), to see where time goes
      tokenServiceEnv.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_KAFKA_CORE", "TRACE");
      tokenServiceEnv.put("LOGGING_LEVEL_COM_WEBASE_PLATFORM_EVENTS", "DEBUG");
      common.put("LOGGING_LEVEL_COM_WEBASE_GATEWAY_APITOKEN", "DEBUG");
    }
    Map<String, String> gateway = new LinkedHashMap<>(common);
    gateway.put("WEBASE_PORTAL_CLIENT_SECRET", keycloak.realm().portalClientSecret());
    gateway.put("WEBASE_GATEWAY_CLIENT_SECRET", keycloak.realm().gatewayClientSecret());
    gateway.put("WEBASE_SECURE_COOKIES", "false");
    gateway.put("WEBASE_REDIS_URL", redis.url());
    gateway.put("WEBASE_RATE_LIMIT_FAILED_AUTH_PER_IP", "100000");
    gatewayEnv = Map.copyOf(gateway);
    gatewayAEnv = new LinkedHashMap<>(gateway);
    gatewayAEnv.put("WEBASE_RATE_LIMIT_PER_TOKEN", Integer.toString(GATEWAY_A_TOKEN_QUOTA));
    gatewayAEnv.put(
        "WEBASE_RATE_LIMIT_FAILED_AUTH_PER_IP", Integer.toString(GATEWAY_A_FAILED_AUTH_LIMIT));
    Map<String, String> gatewayBEnv = new LinkedHashMap<>(gateway);
    gatewayBEnv.put("WEBASE_RATE_LIMIT_PER_TOKEN", "100000");
    gatewayBEnv.put("WEBASE_GATEWAY_APITOKEN_CACHETTL", CACHE_TTL_OF_B.toSeconds() + "s");
    gatewayBEnv.put(
        "WEBASE_GATEWAY_APITOKEN_INTROSPECTIONURI",
        "http://localhost:" + introspectionPortOfB + "/internal/v1/introspect");

    tokenService =
        remember(
            start(
                root,
                "token-service",
                "token-service",
                tokenPort,
                management.get("token-service"),
                tokenServiceEnv));
    Map<String, String> accountEnv = new LinkedHashMap<>(common);
    accountEnv.put("WEBASE_ACCOUNT_CLIENT_SECRET", keycloak.realm().accountServiceClientSecret());
    accountService =
        remember(
            start(
                root,
                "account-service",
                "account-service",
                accountPort,
                management.get("account-service"),
                accountEnv));
    Map<String, String> notificationEnv = new LinkedHashMap<>(common);
    notificationEnv.put("WEBASE_SMTP_HOST", RealServers.smtp().host());
    notificationEnv.put("WEBASE_SMTP_PORT", Integer.toString(RealServers.smtp().port()));
    notificationEnv.put("WEBASE_PORTAL_URL", "http://localhost:" + gatewayAPort);
    remember(
        start(
            root,
            "notification-service",
            "notification-service",
            notificationPort,
            management.get("notification-service"),
            notificationEnv));
    Map<String, String> appsEnv = new LinkedHashMap<>(common);
    appsEnv.put("WEBASE_SITES_URL_TEMPLATE", "http://{site}.localhost:" + gatewayAPort + "/");
    appsService =
        remember(
            start(
                root,
                "apps-service",
                "apps-service",
                appsPort,
                management.get("apps-service"),
                appsEnv));
    recordsService =
        remember(
            start(
                root,
                "records-service",
                "records-service",
                recordsPort,
                management.get("records-service"),
                common));
    introspectionOfB =
        remember(
            start(
                root, "token-service", "token-service-2", introspectionPortOfB, tokenService2Env));
    gatewayA = remember(start(root, "gateway", "gateway-a", gatewayAPort, gatewayAEnv));
    gatewayB = remember(start(root, "gateway", "gateway-b", gatewayBPort, gatewayBEnv));
    try {
      for (ServiceProcess process : List.copyOf(all)) {
        process.awaitReady(Duration.ofMinutes(6));
      }
    } catch (RuntimeException e) {
      stopAll();
      throw e;
    }
    keycloak.allowPortalAt(gatewayA.url());
    RealServers.closeBeforeStopping(this::stopAll, () -> !all.isEmpty());
    System.out.printf(
        "[e2e] token-service ×2, account-service, notification-service, apps-service,"
            + " records-service, gateway ×2 ready in %.1f s%n",
        (System.nanoTime() - begin) / 1e9);
  }

  /** Stops the replica gateway B introspects with. */
  void stopIntrospectionOfB() {
    introspectionOfB.stop(Duration.ofSeconds(20));
  }

  /** Starts it again on the same port, with the same database, keys and secret. */
  void startIntrospectionOfB() {
    Path root = Path.of("").toAbsolutePath().getParent();
    introspectionOfB =
        remember(
                start(
                    root,
                    "token-service",
                    "token-service-2",
                    introspectionPortOfB,
                    tokenService2Env))
            .awaitReady(Duration.ofMinutes(2));
  }

  /**
   * Starts gateway C and returns when it is ready and Keycloak lets the portal log in there: a
   * gateway with the settings A and B share (the same Redis, so the same portal sessions; its own
   * revocation consumer group; the default per-token quota), whose token routes and introspection
   * lead to token-service-2 and its short sudo window. With C1 only ({@link
   * ServiceProcess#QUICK_START}): nothing is timed through it, and it starts sooner. Only the test
   * that needs it pays for it; {@link #stop} ends it.
   */
  ServiceProcess startGatewayC() {
    Map<String, String> env = new LinkedHashMap<>(gatewayEnv);
    env.put("WEBASE_TOKEN_SERVICE_URL", "http://localhost:" + introspectionPortOfB);
    ServiceProcess gatewayC =
        remember(
                ServiceProcess.start(
                    Path.of("").toAbsolutePath().getParent(),
                    "gateway",
                    "gateway-c",
                    Ports.free(),
                    Ports.free(),
                    env,
                    logs.resolve("gateway-c.log"),
                    ServiceProcess.QUICK_START))
            .awaitReady(Duration.ofMinutes(2));
    keycloak.allowLoginAt(gatewayC.url());
    return gatewayC;
  }

  /** Stops a process started by a test ({@link #startGatewayC}) before the platform stops. */
  void stop(ServiceProcess process) {
    process.stop(Duration.ofSeconds(20));
    synchronized (this) {
      all.remove(process);
    }
  }

  /**
   * Stops gateway A and starts it again on the same port, as a rolling update does; returns when it
   * is ready.
   */
  void restartGatewayA() {
    ServiceProcess old = gatewayA;
    old.stop(Duration.ofSeconds(20));
    synchronized (this) {
      all.remove(old);
    }
    Path root = Path.of("").toAbsolutePath().getParent();
    gatewayA =
        remember(start(root, "gateway", "gateway-a", old.port(), gatewayAEnv))
            .awaitReady(Duration.ofMinutes(2));
  }

  /** The log files of every process started here. */
  List<Path> logFiles() throws java.io.IOException {
    try (var files = Files.list(logs)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * With the full JIT, unlike the local stack's quick-start options: the revocation timing measured
   * here should not be the time of interpreted or C1-compiled code.
   *
   * <p>The heap is fixed at its maximum, as a latency-sensitive service runs in production: grown
   * from 128 MB, G1 kept starting concurrent cycles whose remark pauses took 87–148 ms on the
   * shared two cores (gateway B's GC log), longer than the revocation target itself. Metaspace
   * starts at 256 MB for the same reason: at the default (about 21 MB) each growth of the loaded
   * classes started a concurrent cycle ("Metadata GC Threshold"), and the mixed collections after
   * it paused B for up to 110 ms during measured rounds.
   *
   * <p>{@code -De2e.trace-revocations=true} also writes each process's GC and safepoint log.
   */
  private ServiceProcess start(
      Path root, String module, String name, int port, Map<String, String> env) {
    return start(root, module, name, port, Ports.free(), env);
  }

  private ServiceProcess start(
      Path root,
      String module,
      String name,
      int port,
      int managementPort,
      Map<String, String> env) {
    List<String> jvm = new ArrayList<>(List.of("-Xms384m", "-Xmx384m", "-XX:MetaspaceSize=256m"));
    if (Boolean.getBoolean("e2e.trace-revocations")) {
      jvm.add("-Xlog:gc,safepoint:file=" + logs.resolve(name + "-gc.log") + ":utctime");
    }
    return ServiceProcess.start(
        root, module, name, port, managementPort, env, logs.resolve(name + ".log"), jvm);
  }

  /** Every process of the platform that is running now (both gateways, every service). */
  synchronized List<ServiceProcess> processes() {
    return all.stream().filter(ServiceProcess::isAlive).toList();
  }

  private synchronized ServiceProcess remember(ServiceProcess process) {
    all.add(process);
    return process;
  }

  private synchronized void stopAll() {
    all.stream()
        .map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(20))))
        .toList()
        .forEach(CompletableFuture::join);
    all.clear();
  }

  /** One RSA signing key shared by both token-service replicas, as a real deployment has. */
  private static String signingKeys() {
    try {
      return new JWKSet(
              new RSAKeyGenerator(2048)
                  .keyID(UUID.randomUUID().toString())
                  .keyUse(KeyUse.SIGNATURE)
                  .generate())
          .toString(false);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
