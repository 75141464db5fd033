package io.edgegateway.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code audit} section.
 *
 * @param enabled whether the audit log is kept
 * @param path the log file; empty for {@code <data_dir>/audit.log}
 * @param topic the Kafka topic it is uploaded to
 * @param signingKeyFile the Ed25519 key; empty for {@code <data_dir>/audit.key}
 */
public record AuditSettings(
    boolean enabled, Optional<Path> path, String topic, Optional<Path> signingKeyFile) {
  public AuditSettings {
    Objects.requireNonNull(path, "path");
    AuditSchema.TOPIC.check(topic);
    Objects.requireNonNull(signingKeyFile, "signingKeyFile");
  }

  /** Every default: on, under the data directory, topic {@code edge.audit.v1}. */
  public static AuditSettings defaults() {
    return new AuditSettings(
        true, Optional.empty(), AuditSchema.TOPIC.defaultOrThrow(), Optional.empty());
  }

  /** The log file for {@code dataDir}. */
  public Path logFile(Path dataDir) {
    return path.orElse(dataDir.resolve("audit.log"));
  }

  /** The key file for {@code dataDir}. */
  public Path keyFile(Path dataDir) {
    return signingKeyFile.orElse(dataDir.resolve("audit.key"));
  }
}
