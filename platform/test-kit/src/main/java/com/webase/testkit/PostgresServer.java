package com.webase.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server: embedded (zonky binaries, its own child process), or one that is
 * already running and reached by URL. One server holds one database per service.
 *
 * <p>Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final EmbeddedPostgres embedded;
  private final String host;
  private final int port;
  private final String user;
  private final String password;

  private PostgresServer(
      EmbeddedPostgres embedded, String host, int port, String user, String password) {
    this.embedded = embedded;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * Starts an embedded server.
   *
   * @param dataDirectory where the cluster lives; kept between starts when {@code keepData}
   */
  public static PostgresServer startEmbedded(int port, Path dataDirectory, boolean keepData) {
    long started = System.nanoTime();
    try {
      // the binaries are unpacked once per machine and shared (zonky locks while unpacking)
      Path work = Files.createDirectories(CacheDirectory.get().resolve("postgres-binaries"));
      Files.createDirectories(dataDirectory.getParent());
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(!keepData)
              .setOverrideWorkingDirectory(work.toFile())
              .setPGStartupWait(Duration.ofSeconds(60))
              // stopped by whoever started it, after the services that use it
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", keepData ? "on" : "off")
              .start();
      PostgresServer server = new PostgresServer(pg, "localhost", pg.getPort(), "postgres", "");
      StartupLog.ready("PostgreSQL " + server.version(), "localhost:" + server.port(), started);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /** A server that is already running; {@code user} must be allowed to create databases. */
  public static PostgresServer external(String host, int port, String user, String password) {
    PostgresServer server = new PostgresServer(null, host, port, user, password);
    server.version();
    return server;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Creates {@code database} unless it exists; returns its JDBC URL. */
  public String createDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a database name: " + database);
    }
    try (Connection connection = connect("postgres");
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      if (!exists.executeQuery().next()) {
        try {
          connection.createStatement().execute("create database " + database);
        } catch (SQLException raced) {
          // another JVM created it between the check and the create: that is what we wanted
          if (!"42P04".equals(raced.getSQLState())) {
            throw raced;
          }
        }
      }
      return jdbcUrl(database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  private String version() {
    try (Connection connection = connect("postgres")) {
      var rs = connection.createStatement().executeQuery("show server_version");
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " is not reachable: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
