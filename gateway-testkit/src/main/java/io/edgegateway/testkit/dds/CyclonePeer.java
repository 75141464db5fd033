package io.edgegateway.testkit.dds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A foreign DDS peer for interoperability tests: small Cyclone DDS C programs, built from the
 * sources in {@code cyclone/} on this classpath with the system's {@code idlc}, {@code gcc} and
 * {@code libddsc} (Debian: {@code cyclonedds-dev cyclonedds-tools gcc}), run as processes.
 *
 * <p>Programs:
 *
 * <ul>
 *   <li>{@code publisher}: after a reader has matched each of its writers, writes {@code n} strings
 *       and {@code m} IMU samples ({@link RosSamples}), reliable and keep-all, waits until every
 *       reader acknowledged them and exits 0 (2 = no reader matched in time, 3 = write failed, 4 =
 *       not acknowledged in time). Prints {@code matched}, {@code published <n> <m>}, {@code
 *       acked}.
 *   <li>{@code sensors}: after a reader has matched each of its four writers, writes {@code n}
 *       samples each of {@code sensor_msgs/msg/JointState} (29 joints), {@code
 *       geometry_msgs/msg/WrenchStamped}, {@code sensor_msgs/msg/CompressedImage} (60,000 bytes)
 *       and {@code diagnostic_msgs/msg/DiagnosticArray} (values in {@code sensor_values.h}) on
 *       {@code <prefix>/joint_states}, {@code /wrench}, {@code /image/compressed} and {@code
 *       /diagnostics}, reliable and keep-all; exit codes and output as the publisher's ({@code
 *       published <n>}).
 *   <li>{@code burst}: after a reader matched, writes {@code m} IMU samples best-effort as fast as
 *       it can, prints {@code published <m>}, waits for a line on its stdin ({@link
 *       #releaseBurst}), writes one last sample (so a reader sees the gap of what it lost), prints
 *       {@code final} and exits 0 (2 = no reader matched in time, 3 = write failed).
 *   <li>{@code subscriber}: reads {@code k} strings (reliable, keep-all, optionally transient
 *       local), prints each one's data on a line and exits 0 (2 = timed out). Prints {@code ready}
 *       first.
 * </ul>
 *
 * <p>The build is cached on disk: {@code <workDir>/cyclone-<hash of the sources>} is reused by
 * later calls and later JVMs, and concurrent builds race harmlessly (each builds in its own
 * directory and the first atomic rename wins). The children run without {@code CYCLONEDDS_URI}, so
 * Cyclone's defaults apply; the domain comes from {@code dds_create_participant}.
 */
public final class CyclonePeer {
  private static final List<String> SOURCES =
      List.of(
          "RosTypes.idl",
          "ros_values.h",
          "publisher.c",
          "burst.c",
          "subscriber.c",
          "SensorTypes.idl",
          "sensor_values.h",
          "sensors.c");
  private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;

  private CyclonePeer(Path dir) {
    this.dir = dir;
  }

  /**
   * Builds the programs under {@code workDir}, or reuses an earlier build of the same sources.
   *
   * @throws IOException if a source is missing or a tool is missing or fails
   */
  public static CyclonePeer build(Path workDir) throws IOException {
    Path root = Files.createDirectories(workDir).toAbsolutePath();
    List<byte[]> contents = new ArrayList<>();
    for (String name : SOURCES) {
      contents.add(resource(name));
    }
    Path target = root.resolve("cyclone-" + digest(contents));
    if (isBuilt(target)) {
      return new CyclonePeer(target);
    }
    Path staging = Files.createTempDirectory(root, "cyclone-build-");
    try {
      for (int i = 0; i < SOURCES.size(); i++) {
        Files.write(staging.resolve(SOURCES.get(i)), contents.get(i));
      }
      run(staging, "idlc", "RosTypes.idl");
      run(staging, "idlc", "SensorTypes.idl");
      for (String program : List.of("publisher", "subscriber", "burst")) {
        run(staging, "gcc", "-O2", "-Wall", "-o", program, program + ".c", "RosTypes.c", "-lddsc");
      }
      run(
          staging,
          "gcc",
          "-O2",
          "-Wall",
          "-o",
          "sensors",
          "sensors.c",
          "SensorTypes.c",
          "RosTypes.c",
          "-lddsc");
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        if (!isBuilt(target)) {
          throw e;
        }
      }
    } finally {
      deleteRecursively(staging);
    }
    return new CyclonePeer(target);
  }

  private static boolean isBuilt(Path dir) {
    return Files.isExecutable(dir.resolve("publisher"))
        && Files.isExecutable(dir.resolve("subscriber"))
        && Files.isExecutable(dir.resolve("sensors"));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CyclonePeer.class.getResourceAsStream("/cyclone/" + name)) {
      if (in == null) {
        throw new IOException("resource /cyclone/" + name + " is not on the classpath");
      }
      return in.readAllBytes();
    }
  }

  private static String digest(List<byte[]> contents) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < SOURCES.size(); i++) {
        sha.update(SOURCES.get(i).getBytes(StandardCharsets.UTF_8));
        sha.update(contents.get(i));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static void run(Path dir, String... command) throws IOException {
    Path log = dir.resolve(command[0] + ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run "
              + command[0]
              + " (install cyclonedds-dev, cyclonedds-tools and gcc): "
              + e.getMessage(),
          e);
    }
    try {
      boolean exited = process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out after " + BUILD_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " failed (exit "
                + process.exitValue()
                + "):\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running " + command[0], e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The DDS topic name of an absolute ROS 2 topic name: {@code /chatter} is {@code rt/chatter}. */
  public static String ddsTopic(String rosTopic) {
    if (!rosTopic.startsWith("/")) {
      throw new IllegalArgumentException("rosTopic : " + rosTopic + " (expected: absolute name)");
    }
    return "rt" + rosTopic;
  }

  /** Directory holding the built programs. */
  public Path directory() {
    return dir;
  }

  /**
   * Starts the publisher with a 20 s budget for matching and acknowledgement.
   *
   * @param stringTopic absolute ROS 2 topic for the strings, e.g. {@code /chatter}
   * @param imuTopic absolute ROS 2 topic for the IMU samples
   */
  public CycloneProcess startPublisher(
      int domainId, String stringTopic, int n, String imuTopic, int m) {
    return startPublisher(domainId, stringTopic, n, imuTopic, m, DEFAULT_PEER_TIMEOUT);
  }

  /**
   * Starts the publisher.
   *
   * @param timeout budget for waiting for matching readers and their acknowledgements
   */
  public CycloneProcess startPublisher(
      int domainId, String stringTopic, int n, String imuTopic, int m, Duration timeout) {
    requireCount("n", n);
    requireCount("m", m);
    return start(
        "publisher",
        Integer.toString(domainId),
        ddsTopic(stringTopic),
        Integer.toString(n),
        ddsTopic(imuTopic),
        Integer.toString(m),
        Long.toString(timeout.toMillis()));
  }

  /**
   * Starts the burst publisher on {@code imuTopic}: {@code m} best-effort IMU samples, then one
   * more after {@link #releaseBurst}.
   *
   * @param timeout budget for waiting for a matching reader
   */
  public CycloneProcess startBurst(int domainId, String imuTopic, int m, Duration timeout) {
    requireCount("m", m);
    return start(
        "burst",
        Integer.toString(domainId),
        ddsTopic(imuTopic),
        Integer.toString(m),
        Long.toString(timeout.toMillis()));
  }

  /** Lets a burst publisher write its last sample and exit. */
  public static void releaseBurst(CycloneProcess burst) {
    try {
      burst.process().getOutputStream().write('\n');
      burst.process().getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + burst, e);
    }
  }

  /**
   * Starts the publisher with {@code userData} as its writers' USER_DATA QoS, as ROS 2 Iron and
   * later announce the type hash ({@code typehash=RIHS01_<hex>;}).
   */
  public CycloneProcess startPublisherWithUserData(
      int domainId, String stringTopic, int n, Duration timeout, String userData) {
    requireCount("n", n);
    return start(
        "publisher",
        Map.of("EG_WRITER_USER_DATA", userData),
        Integer.toString(domainId),
        ddsTopic(stringTopic),
        Integer.toString(n),
        ddsTopic("/unused"),
        "0",
        Long.toString(timeout.toMillis()));
  }

  /**
   * Starts the sensors publisher.
   *
   * @param topicPrefix absolute ROS 2 namespace of the four topics, e.g. {@code /robot}
   * @param n samples per topic
   * @param timeout budget for waiting for matching readers and their acknowledgements
   */
  public CycloneProcess startSensors(int domainId, String topicPrefix, int n, Duration timeout) {
    requireCount("n", n);
    return start(
        "sensors",
        Integer.toString(domainId),
        ddsTopic(topicPrefix),
        Integer.toString(n),
        Long.toString(timeout.toMillis()));
  }

  /**
   * Starts the subscriber.
   *
   * @param stringTopic absolute ROS 2 topic, e.g. {@code /chatter}
   * @param k number of samples to receive before exiting
   * @param timeout how long to wait for them
   * @param transientLocal request transient-local durability (receives a transient-local writer's
   *     history even if it joins late)
   */
  public CycloneProcess startSubscriber(
      int domainId, String stringTopic, int k, Duration timeout, boolean transientLocal) {
    requireCount("k", k);
    return start(
        "subscriber",
        Integer.toString(domainId),
        ddsTopic(stringTopic),
        Integer.toString(k),
        Long.toString(timeout.toMillis()),
        transientLocal ? "transient_local" : "volatile");
  }

  private static void requireCount(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " : " + value + " (expected: >= 0)");
    }
  }

  private CycloneProcess start(String program, String... args) {
    return start(program, Map.of(), args);
  }

  private CycloneProcess start(String program, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(dir.resolve(program).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("CYCLONEDDS_URI");
    builder.environment().putAll(env);
    try {
      return new CycloneProcess(program, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }
}
