package com.webase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one process), run as
 * a child process from the Kafka jars on this JVM's classpath, or one already running and reached
 * by its bootstrap servers.
 *
 * <p>It can be stopped and started again on the same port and data, which is how tests prove that
 * nothing is lost across a broker outage. Not thread-safe: owned by {@link RealServers} or a test.
 */
public final class KafkaServer implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Path dataDirectory;
  private final int port;
  private final int controllerPort;
  private final String bootstrapServers;
  private ChildProcess process;

  private KafkaServer(Path dataDirectory, int port, int controllerPort, String bootstrapServers) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.controllerPort = controllerPort;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats {@code dataDirectory} if new, and starts a broker on {@code port}. */
  public static KafkaServer startLocal(Path dataDirectory, int port, int controllerPort) {
    KafkaServer server = new KafkaServer(dataDirectory, port, controllerPort, "localhost:" + port);
    server.format();
    server.start();
    return server;
  }

  /** A broker that is already running. */
  public static KafkaServer external(String bootstrapServers) {
    return new KafkaServer(null, -1, -1, bootstrapServers);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker (again) on the same port and data; returns when it serves requests. */
  public void start() {
    requireLocal();
    if (isRunning()) {
      return;
    }
    long started = System.nanoTime();
    Ports.requireFree(port, "Kafka");
    process =
        ChildProcess.start(
            "kafka",
            JavaCommand.main(
                "kafka.Kafka",
                List.of(
                    // a fixed heap, as the e2e services have (their GC logs: a heap grown from its
                    // minimum set off G1 cycles with long pauses); not measured for the broker
                    "-Xms512m",
                    "-Xmx512m",
                    "-Dlogback.configurationFile=" + logbackConfig(),
                    "-Dlog4j2.configurationFile=" + logbackConfig()),
                List.of(serverProperties().toString())),
            dataDirectory,
            Map.of(),
            dataDirectory.resolve("kafka.log"));
    Waiting.until("Kafka on port " + port, STARTUP, this::answers, () -> process.tail(40));
    StartupLog.ready("Kafka (KRaft)", bootstrapServers, started);
  }

  /** Stops the broker, keeping its data, so that {@link #start()} can bring it back. */
  public void stop() {
    requireLocal();
    if (process != null) {
      process.stop(Duration.ofSeconds(15));
      process = null;
    }
  }

  @Override
  public void close() {
    if (dataDirectory != null) {
      stop();
    }
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new IllegalStateException("Kafka exited:\n" + process.tail(60));
    }
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500);
    try (Admin admin = Admin.create(config)) {
      return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private void format() {
    requireLocal();
    try {
      Files.createDirectories(dataDirectory);
      if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
        return;
      }
      ChildProcess formatting =
          ChildProcess.start(
              "kafka-storage-format",
              JavaCommand.main(
                  "kafka.tools.StorageTool",
                  List.of("-Dlogback.configurationFile=" + logbackConfig()),
                  List.of(
                      "format",
                      "--cluster-id",
                      Uuid.randomUuid().toString(),
                      "--config",
                      serverProperties().toString(),
                      "--ignore-formatted")),
              dataDirectory,
              Map.of(),
              dataDirectory.resolve("kafka-format.log"));
      int exit = formatting.waitFor(Duration.ofSeconds(60));
      if (exit != 0) {
        throw new IllegalStateException("formatting Kafka storage failed:\n" + formatting.tail(40));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path serverProperties() {
    Path file = dataDirectory.resolve("server.properties");
    String properties =
        """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@localhost:%2$d
        listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
        advertised.listeners=PLAINTEXT://localhost:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
        log.dirs=%3$s
        num.partitions=3
        auto.create.topics.enable=true
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=5
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        """
            .formatted(port, controllerPort, dataDirectory.resolve("logs"));
    try {
      Files.writeString(file, properties);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path logbackConfig() {
    Path file = dataDirectory.resolve("kafka-logging.xml");
    try {
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="OUT"/></root>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
            </configuration>
            """);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void requireLocal() {
    if (dataDirectory == null) {
      throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " is external");
    }
  }
}
