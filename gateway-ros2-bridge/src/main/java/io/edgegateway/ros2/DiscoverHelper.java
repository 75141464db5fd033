package io.edgegateway.ros2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the {@code eg-discover} helper executable is: a prebuilt binary, compiled from {@code
 * src/main/c/eg-discover.c} when this module is built (Maven profile {@code eg-discover} in its
 * pom, into {@code gateway-ros2-bridge/target/native/eg-discover}). Running it needs only Cyclone's
 * runtime library ({@code libddsc.so.0debian}, Debian {@code libddsc0debian}): no compiler and no
 * {@code -dev} package at run time.
 *
 * <p>Lookup order: system property {@value #PROPERTY} (the installed launcher sets it to {@code
 * /usr/lib/edge-gateway/eg-discover}, {@code bin/edge-gateway} to the build output), then
 * environment variable {@value #ENV}. There is no fallback: with neither set, or with a path that
 * is not an executable file, discovery is unavailable and the reason says which setting to fix.
 */
public final class DiscoverHelper {
  /** System property naming the helper. */
  public static final String PROPERTY = "edge-gateway.discover.helper";

  /** Environment variable naming the helper, used when {@link #PROPERTY} is not set. */
  public static final String ENV = "EG_DISCOVER_HELPER";

  private DiscoverHelper() {}

  /**
   * The configured helper, from {@link #PROPERTY} or else {@link #ENV}.
   *
   * @throws IOException (with a message for the operator) if neither is set, or the path they name
   *     does not exist or is not an executable file
   */
  public static Path locate() throws IOException {
    return locate(
        Objects.requireNonNullElse(System.getProperty(PROPERTY), ""),
        Objects.requireNonNullElse(System.getenv(ENV), ""));
  }

  /**
   * The helper named by {@code property} (the value of {@link #PROPERTY}) or, when that is blank,
   * by {@code env} (the value of {@link #ENV}); blank means not set.
   *
   * @throws IOException if both are blank, or the chosen path is not an executable file
   */
  static Path locate(String property, String env) throws IOException {
    String source;
    String given;
    if (!property.isBlank()) {
      source = "system property " + PROPERTY;
      given = property;
    } else if (!env.isBlank()) {
      source = "environment variable " + ENV;
      given = env;
    } else {
      throw new IOException(
          "no eg-discover helper configured: set -D"
              + PROPERTY
              + "=PATH or "
              + ENV
              + "=PATH (the package installs /usr/lib/edge-gateway/eg-discover; a source build"
              + " writes gateway-ros2-bridge/target/native/eg-discover when cyclonedds-dev is"
              + " installed)");
    }
    Path path = Path.of(given.strip());
    if (!Files.exists(path)) {
      throw new IOException("eg-discover helper " + path + " (from " + source + ") does not exist");
    }
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new IOException(
          "eg-discover helper " + path + " (from " + source + ") is not an executable file");
    }
    return path;
  }
}
