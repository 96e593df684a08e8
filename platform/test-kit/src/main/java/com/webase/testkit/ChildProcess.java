package com.webase.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server run as a child process that never outlives the JVM that started it.
 *
 * <p>The command runs under a small bash watchdog that holds a pipe from this JVM: when {@link
 * #stop()} closes the pipe, or when this JVM dies without running its shutdown hooks, the watchdog
 * sees end-of-file and stops the server with SIGTERM. Ctrl-C in a terminal reaches the watchdog too
 * (same process group) and does the same. Output goes to a log file, never to the test's console.
 *
 * <p>Not thread-safe: owned by one server object.
 */
public final class ChildProcess {

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

  // `read -t 1` returns >128 on timeout (keep watching), 0 on a line or 1 on end-of-file (stop).
  private static final String WATCHDOG =
      """
      "$@" &
      child=$!
      trap 'kill -TERM $child 2>/dev/null; wait $child; exit 143' INT TERM
      while kill -0 $child 2>/dev/null; do
        read -r -t 1 _; rc=$?
        if [ $rc -le 128 ]; then kill -TERM $child 2>/dev/null; break; fi
      done
      wait $child
      """;

  private final String name;
  private final Process process;
  private final OutputStream lifeline;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.lifeline = process.getOutputStream();
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code workDir} with extra environment variables, its output appended
   * to {@code logFile}.
   */
  public static ChildProcess start(
      String name, List<String> command, Path workDir, Map<String, String> env, Path logFile) {
    List<String> full = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
    full.addAll(command);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      log.debug("starting {}: {}", name, command);
      return new ChildProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " did not finish within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server gracefully, forcibly after {@code grace}; returns when it is gone. */
  public void stop(Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    // SIGTERM to the server itself too: a launcher script like kc.sh does not pass it on
    tree.forEach(ProcessHandle::destroy);
    try {
      lifeline.close();
    } catch (IOException ignored) {
      // the watchdog is already gone; the forced path below cleans up
    }
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}, killing it", name, grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    tree.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join());
  }

  /** The last lines of the log, for error messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
