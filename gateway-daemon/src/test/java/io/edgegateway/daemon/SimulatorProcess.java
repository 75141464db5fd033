package io.edgegateway.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code edge-gateway simulate} in a child JVM at a lower CPU priority ({@code nice}): the robot's
 * other processes, which on a real robot run on cores of their own, without taking the 2-core test
 * box away from the process under test.
 */
final class SimulatorProcess implements AutoCloseable {
  private static final Pattern PUBLISHED = Pattern.compile("published=(\\d+)");

  private final Process process;
  private final Thread reader;
  private final AtomicLong published = new AtomicLong();
  private final List<String> output = new ArrayList<>();

  private SimulatorProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "simulator-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Starts {@code simulate --profile humanoid-1 --rate-scale <scale>} on {@code domain} with {@code
   * nice -n <niceness>}, on this JVM's class path.
   */
  static SimulatorProcess start(int domain, double scale, int niceness, Path stateDir)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            "nice",
            "-n",
            Integer.toString(niceness),
            java.toString(),
            "-Xmx256m",
            "-Duser.home=" + stateDir,
            "-cp",
            System.getProperty("java.class.path"),
            "io.edgegateway.daemon.cli.EdgeGatewayCli",
            "simulate",
            "--profile",
            "humanoid-1",
            "--domain",
            Integer.toString(domain),
            "--rate-scale",
            Double.toString(scale),
            "--duration",
            "120s");
    return new SimulatorProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Matcher m = PUBLISHED.matcher(line);
        if (m.find()) {
          published.set(Long.parseLong(m.group(1)));
        }
        synchronized (output) {
          if (output.size() < 200) {
            output.add(line);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    }
  }

  /** Samples published so far, as last reported by the simulator (once a second). */
  long published() {
    return published.get();
  }

  /** Freezes the simulator (SIGSTOP): no CPU, no samples, its DDS state kept. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a paused simulator run again (SIGCONT). */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    try {
      resume(); // a stopped process handles SIGTERM only once continued
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(5000);
  }
}
