package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.ConfigError;
import io.edgegateway.core.config.ConfigResult;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.daemon.ConfigSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a config file for a command, printing every error in the documented one-line form. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The config, or empty after printing {@code FILE:LINE:COL: path: message} lines to err. */
  static Optional<GatewayConfig> load(Path file, PrintWriter err) {
    return load(ConfigSnapshot.read(file), err);
  }

  /** The snapshot's config, or empty after printing its error lines to err. */
  static Optional<GatewayConfig> load(ConfigSnapshot snapshot, PrintWriter err) {
    ConfigResult result = snapshot.result();
    if (!result.errors().isEmpty()) {
      for (ConfigError e : result.errors()) {
        err.println(e.format());
      }
      err.flush();
      return Optional.empty();
    }
    return result.config();
  }
}
