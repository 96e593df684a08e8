package com.webase.testkit;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The real servers as Testcontainers, for machines with a Docker engine: PostgreSQL and Keycloak
 * from their official images. Kafka stays a child process everywhere (it needs only a JDK, and
 * outage tests stop and restart it on the same port); GreenMail runs in the test JVM everywhere.
 *
 * <p>Set {@code webase.testkit.docker=false} (or {@code WEBASE_TESTKIT_DOCKER=false}) to use the
 * embedded servers even where Docker runs.
 */
final class Containers {

  static final String POSTGRES_IMAGE = "postgres:17-alpine";
  static final String KEYCLOAK_IMAGE =
      "quay.io/keycloak/keycloak:"
          + KeycloakServer.distributionProperties().getProperty("keycloak.version");

  private Containers() {}

  static boolean dockerAvailable(String setting) {
    if ("false".equalsIgnoreCase(setting)) {
      return false;
    }
    // without a socket or DOCKER_HOST there is nothing to find: skip Testcontainers' error log
    String dockerHost = System.getenv("DOCKER_HOST");
    if ((dockerHost == null || dockerHost.isBlank())
        && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
        && !java.nio.file.Files.exists(
            java.nio.file.Path.of(
                System.getProperty("user.home"), ".docker", "run", "docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** A PostgreSQL container; its user is a superuser that may create the services' databases. */
  static PostgresServer postgres(java.util.function.Consumer<AutoCloseable> onStop) {
    long started = System.nanoTime();
    PostgreSQLContainer container =
        new PostgreSQLContainer(POSTGRES_IMAGE)
            .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    container.start();
    onStop.accept(container::stop);
    StartupLog.ready(
        "PostgreSQL (container " + POSTGRES_IMAGE + ")",
        container.getHost() + ":" + container.getMappedPort(5432),
        started);
    return PostgresServer.external(
        container.getHost(),
        container.getMappedPort(5432),
        container.getUsername(),
        container.getPassword());
  }

  /** A Keycloak container with the webase realm imported, mailing through {@code smtp}. */
  static KeycloakServer keycloak(
      SmtpServer smtp, String adminPassword, java.util.function.Consumer<AutoCloseable> onStop) {
    long started = System.nanoTime();
    Testcontainers.exposeHostPorts(smtp.port());
    RealmSettings realm =
        RealmSettings.random("host.testcontainers.internal", smtp.port(), "http://localhost:8080");
    GenericContainer<?> container =
        new GenericContainer<>(KEYCLOAK_IMAGE)
            .withCommand("start-dev", "--import-realm", "--health-enabled=true")
            .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            .withEnv(realm.environment())
            .withCopyToContainer(
                MountableFile.forClasspathResource("webase-testkit/realm-webase.json"),
                "/opt/keycloak/data/import/realm-webase.json")
            .withCopyToContainer(
                MountableFile.forClasspathResource(
                    KeycloakServer.PASSWORD_BLACKLIST_RESOURCE.substring(1)),
                "/opt/keycloak/data/password-blacklists/" + KeycloakServer.PASSWORD_BLACKLIST)
            .withExposedPorts(8080)
            .waitingFor(
                Wait.forHttp("/realms/" + RealmSettings.REALM + "/.well-known/openid-configuration")
                    .forPort(8080)
                    .withStartupTimeout(Duration.ofMinutes(4)));
    container.start();
    onStop.accept(container::stop);
    String url = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
    StartupLog.ready("Keycloak (container " + KEYCLOAK_IMAGE + ")", url, started);
    return KeycloakServer.external(url, "admin", adminPassword, realm);
  }
}
