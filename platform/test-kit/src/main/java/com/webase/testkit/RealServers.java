package com.webase.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * The real servers of one test JVM, each started on first use and shared by every test in the JVM,
 * stopped when the JVM exits.
 *
 * <p>An already running server is used instead of starting one when its address is given, as a
 * system property or environment variable:
 *
 * <ul>
 *   <li>{@code webase.testkit.postgres} / {@code WEBASE_TESTKIT_POSTGRES}: {@code host:port} of a
 *       PostgreSQL whose user ({@code ...postgres.user}, default {@code postgres}, password {@code
 *       ...postgres.password}) may create databases;
 *   <li>{@code webase.testkit.kafka} / {@code WEBASE_TESTKIT_KAFKA}: bootstrap servers;
 *   <li>{@code webase.testkit.redis} / {@code WEBASE_TESTKIT_REDIS}: {@code redis://host:port};
 *   <li>{@code webase.testkit.keycloak} / {@code WEBASE_TESTKIT_KEYCLOAK}: base URL of a Keycloak
 *       with the webase realm, with {@code ...keycloak.admin-password} and the realm's {@code
 *       WEBASE_*} values in the environment ({@code WEBASE_DEMO_PASSWORD}: the demo user's, added
 *       when missing).
 * </ul>
 *
 * <p>Otherwise, where a Docker engine answers, PostgreSQL and Keycloak run as Testcontainers (see
 * {@link Containers}); elsewhere all of them run embedded or as child processes.
 *
 * <p>Thread-safe.
 */
public final class RealServers {

  private static final Deque<AutoCloseable> started = new ArrayDeque<>();
  private static PostgresServer postgres;
  private static KafkaServer kafka;
  private static SmtpServer smtp;
  private static RedisServer redis;
  private static KeycloakServer keycloak;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(RealServers::stopAll, "webase-test-kit-shutdown"));
  }

  private RealServers() {}

  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      String external = setting("webase.testkit.postgres");
      if (external != null) {
        String[] hostPort = external.split(":");
        postgres =
            PostgresServer.external(
                hostPort[0],
                Integer.parseInt(hostPort[1]),
                settingOr("webase.testkit.postgres.user", "postgres"),
                settingOr("webase.testkit.postgres.password", ""));
      } else {
        postgres =
            remember(
                PostgresServer.startEmbedded(
                    Ports.free(), runDirectory().resolve("postgres"), false));
      }
    }
    return postgres;
  }

  public static synchronized KafkaServer kafka() {
    if (kafka == null) {
      String external = setting("webase.testkit.kafka");
      kafka =
          external != null
              ? KafkaServer.external(external)
              : remember(
                  KafkaServer.startLocal(
                      runDirectory().resolve("kafka"), Ports.free(), Ports.free()));
    }
    return kafka;
  }

  /** Redis, for the gateway's sessions (the binary the embedded-redis jar ships). */
  public static synchronized RedisServer redis() {
    if (redis == null) {
      String external = setting("webase.testkit.redis");
      redis =
          external != null
              ? RedisServer.external(external)
              : remember(RedisServer.startLocal(runDirectory().resolve("redis"), Ports.free()));
    }
    return redis;
  }

  public static synchronized SmtpServer smtp() {
    if (smtp == null) {
      smtp = remember(SmtpServer.start(Ports.free()));
    }
    return smtp;
  }

  public static synchronized KeycloakServer keycloak() {
    if (keycloak == null) {
      String external = setting("webase.testkit.keycloak");
      if (external != null) {
        keycloak =
            KeycloakServer.external(
                external,
                settingOr("webase.testkit.keycloak.admin-user", "admin"),
                settingOr("webase.testkit.keycloak.admin-password", ""),
                new RealmSettings(
                    System.getenv("WEBASE_PORTAL_CLIENT_SECRET"),
                    System.getenv("WEBASE_GATEWAY_CLIENT_SECRET"),
                    System.getenv("WEBASE_ACCOUNT_CLIENT_SECRET"),
                    System.getenv("WEBASE_DEMO_PASSWORD"),
                    "localhost",
                    0,
                    "http://localhost:8080"));
      } else if (docker()) {
        keycloak = Containers.keycloak(smtp(), RealmSettings.secret(), RealServers::remember);
      } else {
        SmtpServer mail = smtp();
        keycloak =
            remember(
                KeycloakServer.startLocal(
                    Ports.free(),
                    Ports.free(),
                    new KeycloakServer.Storage.InMemory(),
                    RealmSettings.random(mail.host(), mail.port(), "http://localhost:8080"),
                    RealmSettings.secret(),
                    runDirectory()));
      }
      keycloak.ensureDemoUser();
    }
    return keycloak;
  }

  private static final List<User> users = new CopyOnWriteArrayList<>();

  /** Something that uses the servers and must be closed before they stop. */
  private record User(Runnable close, BooleanSupplier running) {}

  /**
   * Registers something that uses the servers — a service's Spring context under test — so that at
   * JVM exit it is closed, and has finished closing, before the servers stop. Left to run side by
   * side with Spring's own shutdown hook, a service would spend its shutdown waiting on a database
   * that is already gone (Spring Modulith reads its outbox table while closing).
   */
  public static void closeBeforeStopping(Runnable close, BooleanSupplier running) {
    users.add(new User(close, running));
  }

  private static void closeUsers() {
    for (User user : users) {
      try {
        user.close().run(); // returns at once when Spring's own hook is already closing it
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> !user.running().getAsBoolean());
      } catch (RuntimeException e) {
        System.err.println("[test-kit] a service did not close cleanly: " + e);
      }
    }
    users.clear();
  }

  private static Boolean docker;

  /**
   * Whether to use Testcontainers: a Docker engine answers and {@code webase.testkit.docker} is not
   * false.
   */
  private static boolean docker() {
    if (docker == null) {
      docker = Containers.dockerAvailable(setting("webase.testkit.docker"));
      if (docker) {
        System.err.println(
            "[test-kit] Docker engine found: PostgreSQL and Keycloak run as containers");
      }
    }
    return docker;
  }

  /** Where this JVM's servers keep data and logs: {@code webase.testkit.work-dir}/run-PID. */
  public static Path runDirectory() {
    String base = System.getProperty("webase.testkit.work-dir", "target/testkit");
    return Path.of(base).toAbsolutePath().resolve("run-" + ProcessHandle.current().pid());
  }

  /** The servers' data of this JVM is of no use once they are stopped. */
  private static void deleteRunDirectory() {
    Path run = runDirectory();
    if (!Files.isDirectory(run)) {
      return;
    }
    try (var paths = Files.walk(run)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[test-kit] could not delete " + run + ": " + e);
    }
  }

  private static <T extends AutoCloseable> T remember(T server) {
    started.push(server);
    return server;
  }

  /**
   * Closes the Spring contexts that use the servers, then stops every server at once: the JVM's
   * exit waits for the slowest, not for their sum.
   */
  static synchronized void stopAll() {
    long begin = System.nanoTime();
    closeUsers();
    long contextsClosed = System.nanoTime();
    postgres = null;
    kafka = null;
    smtp = null;
    redis = null;
    keycloak = null;
    List<Thread> stopping = new ArrayList<>();
    while (!started.isEmpty()) {
      AutoCloseable server = started.pop();
      stopping.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      server.close();
                    } catch (Exception e) {
                      System.err.println("[test-kit] could not stop a server: " + e);
                    }
                  }));
    }
    for (Thread thread : stopping) {
      try {
        thread.join(Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteRunDirectory();
    if (!stopping.isEmpty()) {
      System.err.printf(
          "[test-kit] services closed in %.1f s, %d servers stopped in %.1f s%n",
          (contextsClosed - begin) / 1e9,
          stopping.size(),
          (System.nanoTime() - contextsClosed) / 1e9);
    }
  }

  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }

  private static String settingOr(String property, String fallback) {
    String value = setting(property);
    return value == null ? fallback : value;
  }
}
