package io.edgegateway.daemon;

import io.edgegateway.core.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The config a gateway runs on and how it got there: the {@code config} block of {@code
 * /v1/status}.
 *
 * @param config the config in effect
 * @param file the file it was read from; empty for a config built in code (then no reload)
 * @param generation 1 at start, +1 for every applied reload
 * @param sha256 hex SHA-256 of the file bytes in effect; empty without a file
 * @param lastReload the outcome of the last reload asked for; before the first, the start's load
 */
record ConfigState(
    GatewayConfig config,
    Optional<Path> file,
    long generation,
    String sha256,
    ReloadOutcome lastReload) {
  ConfigState {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(lastReload, "lastReload");
  }

  /** The state at start ({@code atMillis}): generation 1, loaded fine. */
  static ConfigState initial(
      GatewayConfig config, Optional<Path> file, String sha256, long atMillis) {
    return new ConfigState(
        config, file, 1, sha256, new ReloadOutcome(true, Optional.empty(), atMillis, 1));
  }

  /** After an applied reload: the new config and digest, the next generation. */
  ConfigState applied(GatewayConfig next, String nextSha256, ReloadOutcome outcome) {
    return new ConfigState(next, file, generation + 1, nextSha256, outcome);
  }

  /** After a reload that was refused or changed nothing: the same config, this outcome. */
  ConfigState kept(ReloadOutcome outcome) {
    return new ConfigState(config, file, generation, sha256, outcome);
  }

  /**
   * How one reload ended.
   *
   * @param ok whether the file was valid and applied (or changed nothing)
   * @param error why it was refused, one line per problem; empty when ok
   * @param atMillis wall time it ended, ms since the epoch
   * @param generation the generation in effect after it
   */
  record ReloadOutcome(boolean ok, Optional<String> error, long atMillis, long generation) {
    ReloadOutcome {
      Objects.requireNonNull(error, "error");
    }
  }
}
