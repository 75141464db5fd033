package io.edgegateway.ros2;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code eg-discover} helper executable: given explicitly, or compiled from its C source (a
 * resource of this module) with the system's C compiler and Cyclone DDS ({@code gcc}, Debian {@code
 * cyclonedds-dev}) into a cache directory on first use.
 *
 * <p>Lookup order: system property {@code edge-gateway.discover-helper}, environment variable
 * {@code EG_DISCOVER_HELPER}, then the build cache {@code
 * ${user.home}/.edge-gateway/eg-discover-<hash of the source>/eg-discover}. Concurrent builds race
 * harmlessly (each builds in its own directory; the first atomic rename wins).
 */
public final class DiscoverHelper {
  /** System property naming a prebuilt helper. */
  public static final String PROPERTY = "edge-gateway.discover-helper";

  /** Environment variable naming a prebuilt helper. */
  public static final String ENV = "EG_DISCOVER_HELPER";

  private static final String SOURCE = "eg-discover.c";
  private static final String NAME = "eg-discover";
  private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

  private DiscoverHelper() {}

  /**
   * The helper to run: the configured one, or a build cached under {@code user.home}.
   *
   * @throws IOException if the configured helper is not executable, or the build fails
   */
  public static Path locate() throws IOException {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) {
      given = System.getenv(ENV);
    }
    if (given != null && !given.isBlank()) {
      Path path = Path.of(given);
      if (!Files.isExecutable(path)) {
        throw new IOException(path + " (from " + PROPERTY + " / " + ENV + ") is not executable");
      }
      return path;
    }
    return build(Path.of(System.getProperty("user.home"), ".edge-gateway"));
  }

  /**
   * Builds the helper under {@code cacheDir}, or reuses an earlier build of the same source.
   *
   * @throws IOException if the compiler or Cyclone DDS is missing, or compiling fails
   */
  public static Path build(Path cacheDir) throws IOException {
    byte[] source;
    try (InputStream in = DiscoverHelper.class.getResourceAsStream("/eg-discover/" + SOURCE)) {
      if (in == null) {
        throw new IOException("resource /eg-discover/" + SOURCE + " is not on the classpath");
      }
      source = in.readAllBytes();
    }
    Path root = Files.createDirectories(cacheDir).toAbsolutePath();
    Path target = root.resolve(NAME + "-" + digest(source));
    Path executable = target.resolve(NAME);
    if (Files.isExecutable(executable)) {
      return executable;
    }
    Path staging = Files.createTempDirectory(root, NAME + "-build-");
    try {
      Files.write(staging.resolve(SOURCE), source);
      compile(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        if (!Files.isExecutable(executable)) {
          throw e;
        }
      }
    } finally {
      deleteRecursively(staging);
    }
    return executable;
  }

  private static void compile(Path dir) throws IOException {
    List<String> command = List.of("gcc", "-O2", "-Wall", "-o", NAME, SOURCE, "-lddsc");
    Path log = dir.resolve("gcc.log");
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
          "cannot run gcc to build "
              + NAME
              + " (install gcc and cyclonedds-dev): "
              + e.getMessage(),
          e);
    }
    try {
      if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("building " + NAME + " timed out after " + BUILD_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while building " + NAME, e);
    }
    if (process.exitValue() != 0) {
      String output = Files.readString(log, StandardCharsets.UTF_8).strip().replace('\n', ' ');
      throw new IOException(
          "building "
              + NAME
              + " failed (gcc exit "
              + process.exitValue()
              + "; is cyclonedds-dev installed?): "
              + (output.length() > 300 ? output.substring(0, 300) + "..." : output));
    }
  }

  private static String digest(byte[] source) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(source))
          .substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
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
}
