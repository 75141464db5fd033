package io.edgegateway.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness's foreign publisher: a Cyclone DDS C program ({@code bench/chaos/chaos_pub.c}) built
 * with {@code idlc} and {@code gcc}, writing decimal per-topic sequence numbers as {@code
 * std_msgs/msg/String} at a fixed rate until a stop file appears.
 */
final class ChaosPublisher implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path stopFile;
  private final Path output;

  private ChaosPublisher(Process process, Path stopFile, Path output) {
    this.process = process;
    this.stopFile = stopFile;
    this.output = output;
  }

  /** Builds the program into {@code workDir} and starts it on {@code topics} (ROS names). */
  static ChaosPublisher start(
      Path sourceDir, Path workDir, int domainId, int rateHz, List<String> topics)
      throws IOException {
    Path build = Files.createDirectories(workDir.resolve("publisher"));
    for (String name : List.of("Chaos.idl", "chaos_pub.c")) {
      Files.copy(
          sourceDir.resolve(name),
          build.resolve(name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    run(build, "idlc", "Chaos.idl");
    run(build, "gcc", "-O2", "-Wall", "-o", "chaos_pub", "chaos_pub.c", "Chaos.c", "-lddsc");
    Path stopFile = build.resolve("stop");
    Files.deleteIfExists(stopFile);
    List<String> command = new ArrayList<>();
    command.add(build.resolve("chaos_pub").toString());
    command.add(Integer.toString(domainId));
    command.add(Integer.toString(rateHz));
    command.add(stopFile.toString());
    topics.forEach(t -> command.add("rt" + t));
    Path output = build.resolve("publisher.out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new ChaosPublisher(process, stopFile, output);
  }

  /**
   * Stops publishing and returns the number of samples written per ROS topic.
   *
   * @throws IOException if the publisher failed or did not report its counts
   */
  Map<String, Long> stop() throws IOException {
    Files.writeString(stopFile, "stop\n");
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("publisher did not stop within " + TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the publisher", e);
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException("publisher exited " + process.exitValue() + ": " + lines);
    }
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("published") && parts[1].startsWith("rt/")) {
        counts.put(parts[1].substring(2), Long.parseLong(parts[2]));
      }
    }
    return counts;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static void run(Path dir, String... command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(command[0] + ".log").toFile())
            .start();
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        try (InputStream in = Files.newInputStream(dir.resolve(command[0] + ".log"))) {
          throw new IOException(
              String.join(" ", command)
                  + " failed (needs cyclonedds-dev, cyclonedds-tools, gcc): "
                  + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command[0], e);
    }
  }
}
