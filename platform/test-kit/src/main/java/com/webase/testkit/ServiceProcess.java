package com.webase.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One of the platform's services (or the gateway) running from its built jar in a process of its
 * own, as the local stack and the end-to-end tests run them.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final int managementPort;
  private final ChildProcess process;

  private ServiceProcess(String name, int port, int managementPort, ChildProcess process) {
    this.name = name;
    this.port = port;
    this.managementPort = managementPort;
    this.process = process;
  }

  /**
   * Starts {@code <root>/<module>/target/<module>.jar} on {@code port}, with its management port
   * (health, metrics) on a free port, with {@code env} added to the environment, logging to {@code
   * log}.
   *
   * @param name how it is called in messages and logs (e.g. "gateway-b")
   */
  public static ServiceProcess start(
      Path root, String module, String name, int port, Map<String, String> env, Path log) {
    return start(root, module, name, port, env, log, QUICK_START);
  }

  /**
   * JVM options for a quick start and a small footprint (the local stack, tests): C1 only. A
   * benchmark passes its own, with the full JIT.
   */
  public static final List<String> QUICK_START =
      List.of("-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1");

  /** As {@link #start(Path, String, String, int, Map, Path)}, with these JVM options. */
  public static ServiceProcess start(
      Path root,
      String module,
      String name,
      int port,
      Map<String, String> env,
      Path log,
      List<String> jvmOptions) {
    return start(root, module, name, port, Ports.free(), env, log, jvmOptions);
  }

  /**
   * As {@link #start(Path, String, String, int, Map, Path, List)}, with the management port given
   * ({@code MANAGEMENT_PORT}; DESIGN §2: Actuator is never on the public port).
   */
  public static ServiceProcess start(
      Path root,
      String module,
      String name,
      int port,
      int managementPort,
      Map<String, String> env,
      Path log,
      List<String> jvmOptions) {
    Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
    }
    Map<String, String> environment = new java.util.LinkedHashMap<>(env);
    environment.put("PORT", Integer.toString(port));
    environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ChildProcess process = ChildProcess.start(name, command, root, environment, log);
    return new ServiceProcess(name, port, managementPort, process);
  }

  /**
   * Waits until {@code /actuator/health/readiness} on the management port answers UP; fails with
   * the log's tail.
   */
  public ServiceProcess awaitReady(Duration atMost) {
    URI health = URI.create(managementUrl() + "/actuator/health/readiness");
    try {
      Awaitility.await(name + " ready")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptionsMatching(e -> e instanceof IOException)
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      name + " stopped while starting:\n" + process.tail(40));
                }
                HttpResponse<String> response =
                    HTTP.send(
                        HttpRequest.newBuilder(health).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
              });
      return this;
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          name + " was not ready within " + atMost + ":\n" + process.tail(40));
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** The port of health, metrics and info ({@code /actuator/...}). */
  public int managementPort() {
    return managementPort;
  }

  public String managementUrl() {
    return "http://localhost:" + managementPort;
  }

  public Path logFile() {
    return process.logFile();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public void stop(Duration grace) {
    process.stop(grace);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }
}
