package io.edgegateway.testkit.dds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A running Cyclone DDS test peer: the process plus its stdout lines and stderr text, collected by
 * two named daemon threads. Closing it stops the process if it is still running.
 */
public final class CycloneProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  CycloneProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdoutReader = collect(name + "-stdout", process.getInputStream(), stdout::add);
    this.stderrReader =
        collect(
            name + "-stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'));
  }

  private interface LineSink {
    void accept(String line);
  }

  private static Thread collect(String threadName, InputStream in, LineSink sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // The process ended or was destroyed; whatever was read is kept.
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The program name, e.g. {@code publisher}. */
  public String name() {
    return name;
  }

  public Process process() {
    return process;
  }

  /** Lines printed on stdout so far. */
  public List<String> stdoutLines() {
    return List.copyOf(stdout);
  }

  /** Text printed on stderr so far. */
  public String stderr() {
    return stderr.toString();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True once the process has exited with a non-zero code; for ending waits early. */
  public boolean failed() {
    return !process.isAlive() && process.exitValue() != 0;
  }

  /**
   * Waits for the process to exit and for its output to be read.
   *
   * @return the exit code
   * @throws IllegalStateException if it has not exited within {@code timeout}
   */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(this + " still running after " + timeout);
      }
      stdoutReader.join(STOP_TIMEOUT.toMillis());
      stderrReader.join(STOP_TIMEOUT.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + this, e);
    }
  }

  /** Stops the process if it is still running (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name
        + "[pid "
        + process.pid()
        + (process.isAlive() ? ", running" : ", exit " + process.exitValue())
        + ", stdout "
        + stdout.size()
        + " lines, stderr: "
        + stderr.toString().strip()
        + "]";
  }
}
