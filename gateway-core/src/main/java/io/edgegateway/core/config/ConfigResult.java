package io.edgegateway.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outcome of loading a config file: either a valid {@link GatewayConfig} or its errors. */
public final class ConfigResult {
  private final GatewayConfig config;
  private final List<ConfigError> errors;

  private ConfigResult(GatewayConfig config, List<ConfigError> errors) {
    this.config = config;
    this.errors = errors;
  }

  /** A valid config. */
  public static ConfigResult valid(GatewayConfig config) {
    return new ConfigResult(Objects.requireNonNull(config, "config"), List.of());
  }

  /** An invalid config with at least one error. */
  public static ConfigResult invalid(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors : [] (expected: at least one error)");
    }
    return new ConfigResult(null, List.copyOf(errors));
  }

  /** Whether the file is valid; then {@link #config()} is present and {@link #errors()} empty. */
  public boolean isValid() {
    return config != null;
  }

  /** The config, when valid. */
  public Optional<GatewayConfig> config() {
    return Optional.ofNullable(config);
  }

  /** Every error, in file order (line, then column); empty when valid. */
  public List<ConfigError> errors() {
    return errors;
  }

  /** One {@link ConfigError#format()} line per error. */
  public List<String> formattedErrors() {
    return errors.stream().map(ConfigError::format).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The config.
   *
   * @throws ConfigException listing every error when the file is invalid
   */
  public GatewayConfig orElseThrow() {
    if (config == null) {
      throw new ConfigException(errors);
    }
    return config;
  }

  static String formatAll(List<ConfigError> errors) {
    return errors.stream().map(ConfigError::format).collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return isValid() ? "ConfigResult[valid]" : "ConfigResult[invalid]\n" + formatAll(errors);
  }
}
