package io.edgegateway.core.config;

import java.util.List;

/** Thrown by {@link ConfigResult#orElseThrow()} when a config has errors; lists all of them. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  ConfigException(List<ConfigError> errors) {
    super(ConfigResult.formatAll(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  /** The errors, in file order. */
  public List<ConfigError> errors() {
    return errors;
  }
}
