package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts, waits for and stops the bench's child processes: the daemon ({@code bin/edge-gateway run}
 * or the CLI main class from this JVM's class path) and helper JVMs (simulator, raw DDS sink), each
 * writing its output into a log file in the work directory.
 */
final class ChildProcesses {
  /** JVM options of {@code bin/edge-gateway} when {@code EG_JAVA_OPTS} is not set. */
  static final String LAUNCHER_JAVA_OPTS =
      "-Xms96m -Xmx96m -XX:+UseG1GC -XX:MaxGCPauseMillis=5 -XX:-UseDynamicNumberOfGCThreads"
          + " -XX:+AlwaysPreTouch"
          + " -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m"
          + " -XX:MarkStackSize=512k -XX:TieredStopAtLevel=1 -XX:TrimNativeHeapInterval=5000"
          + " -XX:+ExitOnOutOfMemoryError -XX:+IgnoreUnrecognizedVMOptions";

  private static final long READY_TIMEOUT_S = 120;

  private final E2eOptions o;
  private final Path work;
  private final PrintStream log;
  private final String javaClassPath = System.getProperty("java.class.path");

  ChildProcesses(E2eOptions o, Path work, PrintStream log) {
    this.o = o;
    this.work = work;
    this.log = log;
  }

  /**
   * Starts the daemon on {@code config} with {@code EG_JAVA_OPTS} (default {@link
   * #LAUNCHER_JAVA_OPTS}), plus a JFR recording into {@code EG_BENCH_JFR} if set.
   */
  Process startDaemon(Path config) throws IOException {
    String opts = Optional.ofNullable(System.getenv("EG_JAVA_OPTS")).orElse(LAUNCHER_JAVA_OPTS);
    String jfr = System.getenv("EG_BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      opts += " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true";
    }
    ProcessBuilder pb;
    if (o.launcher()) {
      pb =
          new ProcessBuilder(
              o.home().resolve("bin/edge-gateway").toString(),
              "run",
              "--config",
              config.toString());
      pb.environment().put("EG_JAVA_OPTS", opts);
    } else {
      List<String> cmd = new ArrayList<>();
      cmd.add(javaBinary());
      cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
      cmd.addAll(
          List.of(
              "-Duser.home=" + stateDir(),
              "-cp",
              javaClassPath,
              "io.edgegateway.daemon.cli.EdgeGatewayCli",
              "run",
              "--config",
              config.toString()));
      pb = new ProcessBuilder(cmd);
    }
    pb.redirectErrorStream(true).redirectOutput(daemonLog().toFile());
    Process p = pb.start();
    log.printf(
        "e2e: daemon started, pid %d (%s)%n",
        p.pid(), o.launcher() ? "bin/edge-gateway" : "classpath");
    return p;
  }

  /** Starts {@code mainClass} of this class path in a JVM of its own, output into {@code out}. */
  Process startJava(String mainClass, Path out, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBinary(),
                "-Xmx512m",
                "-Duser.home=" + stateDir(),
                "-cp",
                javaClassPath,
                mainClass));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  /** Waits up to 120 s for the daemon's {@code /readyz}, then one more second. */
  void awaitReady(Process daemon, DaemonHttp http, RunClock clock) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
    while (System.nanoTime() - deadline < 0) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("daemon exited: " + tail(daemonLog()));
      }
      try {
        if (http.ready()) {
          log.printf("e2e: t=%.1fs daemon ready%n", clock.now());
          TimeUnit.SECONDS.sleep(1);
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("daemon not ready: " + tail(daemonLog()));
  }

  /** Waits up to 120 s for {@code text} in the output {@code log} of the running {@code p}. */
  static void awaitLine(Process p, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
    while (!Files.readString(log).contains(text)) {
      if (System.nanoTime() - deadline > 0 || !p.isAlive()) {
        throw new IllegalStateException("no '" + text + "' from " + log + ": " + tail(log));
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** Asks the daemon to stop; kills it if it has not within 60 s. */
  void stopDaemon(Process daemon) throws InterruptedException {
    daemon.destroy();
    if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
      log.println("e2e: daemon did not stop within 60 s, killing it");
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The last 20 lines of {@code file}, for error messages. */
  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  private Path daemonLog() {
    return work.resolve("daemon.log");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String stateDir() {
    String s = System.getenv("EG_STATE_DIR");
    if (s != null && !s.isBlank()) {
      return s;
    }
    return Path.of(System.getProperty("user.home"), ".cache", "edge-gateway").toString();
  }
}
