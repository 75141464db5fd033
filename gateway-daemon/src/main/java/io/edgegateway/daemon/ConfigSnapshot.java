package io.edgegateway.daemon;

import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.ConfigResult;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A config file read once: what its bytes parse and validate to (field paths checked against the
 * message definitions the gateway will use) and the SHA-256 of exactly those bytes.
 *
 * @param file the file
 * @param result the config, or every error as {@code FILE:LINE:COL: path: message}
 * @param sha256 hex SHA-256 of the bytes parsed; empty when the file could not be read
 */
public record ConfigSnapshot(Path file, ConfigResult result, String sha256) {
  private static final long MAX_READ_BYTES = 1 << 20;

  public ConfigSnapshot {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Reads and validates {@code file}; never throws for a bad or missing file. */
  public static ConfigSnapshot read(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_READ_BYTES) {
        return new ConfigSnapshot(file, ConfigLoader.load(file), ""); // says why
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return new ConfigSnapshot(file, ConfigLoader.load(file), "");
    }
    ConfigResult result = ConfigLoader.parse(file.toString(), bytes, System::getenv);
    if (result.isValid()) {
      MessageRegistry messages =
          MessageRegistry.load(
              result.config().get().ros2().distro(), result.config().get().ros2().messagePaths());
      result = result.checkFields(CdrFieldCatalog.of(messages));
    }
    return new ConfigSnapshot(file, result, sha256(bytes));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
