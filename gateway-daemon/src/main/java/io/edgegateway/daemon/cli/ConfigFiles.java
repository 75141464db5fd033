package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.ConfigError;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.ConfigResult;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a config file for a command, printing every error in the documented one-line form. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The config, or empty after printing {@code FILE:LINE:COL: path: message} lines to err. */
  static Optional<GatewayConfig> load(Path file, PrintWriter err) {
    ConfigResult result = ConfigLoader.load(file);
    if (result.isValid()) {
      // Field paths (on_change, metrics) are checked against the definitions the gateway will use.
      MessageRegistry messages = MessageRegistry.load(result.config().get().ros2().messagePaths());
      result = result.checkFields(CdrFieldCatalog.of(messages));
    }
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
