package com.webase.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Redis server: the Linux {@code redis-server} binary that the {@code
 * com.github.codemonstur:embedded-redis} jar ships (nothing but the JDK needed), copied once into
 * the cache directory and run as a child process, in memory only (no snapshots, no append-only
 * file), bound to loopback. Or one already running, reached by its URL.
 *
 * <p>{@link #command} speaks just enough of the Redis protocol for a test to look into the store.
 * Not thread-safe: owned by {@link RealServers} or a test.
 */
public final class RedisServer implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private final String host;
  private final int port;
  private final Path dataDirectory;
  private ChildProcess process;

  private RedisServer(String host, int port, Path dataDirectory) {
    this.host = host;
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /** Starts a server on {@code port}, its log in {@code dataDirectory}. */
  public static RedisServer startLocal(Path dataDirectory, int port) {
    RedisServer server = new RedisServer("localhost", port, dataDirectory);
    server.start();
    return server;
  }

  /** A server that is already running, at {@code redis://host:port}. */
  public static RedisServer external(String url) {
    var uri = java.net.URI.create(url);
    return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), null);
  }

  /** What the gateway's {@code WEBASE_REDIS_URL} (Spring's {@code spring.data.redis.url}) takes. */
  public String url() {
    return "redis://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) on the same port; returns when it answers {@code PING}. */
  public void start() {
    requireLocal();
    if (process != null && process.isAlive()) {
      return;
    }
    long started = System.nanoTime();
    Ports.requireFree(port, "Redis");
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process =
        ChildProcess.start(
            "redis",
            List.of(
                binary().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dataDirectory.toString()),
            dataDirectory,
            Map.of(),
            dataDirectory.resolve("redis.log"));
    Waiting.until(
        "Redis on port " + port,
        STARTUP,
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("Redis exited:\n" + process.tail(40));
          }
          return "PONG".equals(command("PING"));
        },
        () -> process.tail(40));
    StartupLog.ready("Redis", url(), started);
  }

  /** Stops the server; what it held is gone (it keeps nothing on disk). */
  public void stop() {
    requireLocal();
    if (process != null) {
      process.stop(Duration.ofSeconds(10));
      process = null;
    }
  }

  @Override
  public void close() {
    if (dataDirectory != null) {
      stop();
    }
  }

  /**
   * Sends one command and returns the reply: a {@code String} (simple or bulk string, null for a
   * nil), a {@code Long}, or a {@code List} of those. An error reply is an exception.
   */
  public Object command(String... arguments) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String argument : arguments) {
        byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
        request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(bytes);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(request.toByteArray());
      out.flush();
      return reply(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every key matching {@code pattern} (SCAN, so a big store is not blocked). */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<?> page = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = (String) page.get(0);
      for (Object key : (List<?>) page.get(1)) {
        keys.add((String) key);
      }
    } while (!"0".equals(cursor));
    return keys;
  }

  private static Object reply(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new IllegalStateException("Redis: " + line);
      case ':' -> Long.parseLong(line);
      case '$' -> {
        int length = Integer.parseInt(line);
        if (length < 0) {
          yield null;
        }
        byte[] bytes = in.readNBytes(length);
        in.readNBytes(2);
        // ISO-8859-1 keeps every byte of a serialized value; text reads as itself
        yield new String(bytes, StandardCharsets.ISO_8859_1);
      }
      case '*' -> {
        int count = Integer.parseInt(line);
        if (count < 0) {
          yield null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(reply(in));
        }
        yield items;
      }
      default -> throw new IllegalStateException("unexpected Redis reply " + (char) type + line);
    };
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("Redis closed the connection");
      }
      bytes.write(b);
    }
    in.read(); // '\n'
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** The binary from the jar, copied once into the cache directory and made executable. */
  private static synchronized Path binary() {
    String os = System.getProperty("os.name").toLowerCase();
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException(
          "the kit's Redis runs on Linux x86-64 only (this is "
              + os
              + " "
              + arch
              + "); give a running one as webase.testkit.redis=redis://host:port");
    }
    Path target = CacheDirectory.get().resolve("redis").resolve(BINARY);
    try {
      if (!Files.isExecutable(target)) {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(BINARY + ".partial-" + ProcessHandle.current().pid());
        try (InputStream in = RedisServer.class.getResourceAsStream("/" + BINARY)) {
          if (in == null) {
            throw new IllegalStateException(
                BINARY + " is missing: the embedded-redis jar is not on the classpath");
          }
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        partial.toFile().setExecutable(true);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void requireLocal() {
    if (dataDirectory == null) {
      throw new IllegalStateException("the Redis server at " + url() + " is external");
    }
  }
}
