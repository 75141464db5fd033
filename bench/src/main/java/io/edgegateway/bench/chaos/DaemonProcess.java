package io.edgegateway.bench.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One run of the daemon as a separate process ({@code bin/edge-gateway run}), with its own HTTP
 * port and log file, that the harness can SIGKILL or stop gracefully.
 */
final class DaemonProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;

  private DaemonProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * Writes the run's config ({@code configTemplate} with {@code @HTTP_PORT@} replaced by a free
   * port) and starts the daemon with it.
   */
  static DaemonProcess start(Path repoRoot, Path workDir, int run, String configTemplate)
      throws IOException {
    int port = freePort();
    Path config = workDir.resolve("gateway-" + run + ".yaml");
    Files.writeString(config, configTemplate.replace("@HTTP_PORT@", Integer.toString(port)));
    Path log = workDir.resolve("daemon-" + run + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                repoRoot.resolve("bin/edge-gateway").toString(),
                "run",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("EG_STATE_DIR", workDir.resolve("state").toString());
    env.putIfAbsent("EG_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseSerialGC");
    return new DaemonProcess(builder.start(), port, log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /readyz} answers 200; false if the daemon exited or time ran out. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (get("/readyz") == 200) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** {@code /v1/status} as text, or null if the daemon did not answer. */
  @Nullable String status() throws InterruptedException {
    try {
      HttpResponse<String> r =
          HTTP.send(request("/v1/status"), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private int get(String path) throws InterruptedException {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("daemon did not die after SIGKILL");
    }
  }

  /**
   * SIGTERM (a graceful, draining stop); SIGKILL if it has not exited within {@code timeout}.
   *
   * @return true if the daemon stopped cleanly on its own (exit status 0: {@code run} traps
   *     SIGTERM)
   */
  boolean stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return false;
    }
    return process.exitValue() == 0;
  }
}
