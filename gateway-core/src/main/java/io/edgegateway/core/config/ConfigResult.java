package io.edgegateway.core.config;

import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The outcome of loading a config file: either a valid {@link GatewayConfig} or its errors. */
public final class ConfigResult {
  private final @Nullable GatewayConfig config;
  private final List<ConfigError> errors;
  private final List<FieldRef> fieldRefs;

  private ConfigResult(
      @Nullable GatewayConfig config, List<ConfigError> errors, List<FieldRef> fieldRefs) {
    this.config = config;
    this.errors = errors;
    this.fieldRefs = fieldRefs;
  }

  /** A valid config. */
  public static ConfigResult valid(GatewayConfig config) {
    return valid(config, List.of());
  }

  static ConfigResult valid(GatewayConfig config, List<FieldRef> fieldRefs) {
    return new ConfigResult(
        Objects.requireNonNull(config, "config"), List.of(), List.copyOf(fieldRefs));
  }

  /** An invalid config with at least one error. */
  public static ConfigResult invalid(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors : [] (expected: at least one error)");
    }
    return new ConfigResult(null, List.copyOf(errors), List.of());
  }

  /**
   * Checks every field path of the config ({@code on_change} fields, {@code metrics} fields)
   * against the message definitions in {@code catalog}: the field must exist in the topic's type
   * when the rule names a type the catalog knows, and a metric's field must be a number or boolean.
   * Paths whose type is unknown are left for the running gateway (which then counts samples it
   * cannot read).
   *
   * @return this result when every path is fine or the config is already invalid; otherwise an
   *     invalid result with one error per bad path, at the path's position in the file
   */
  public ConfigResult checkFields(FieldCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    if (!isValid()) {
      return this;
    }
    List<ConfigError> found = new ArrayList<>();
    for (FieldRef ref : fieldRefs) {
      if (ref.type().isEmpty()) {
        continue;
      }
      String type = ref.type().get().toString();
      try {
        Optional<FieldReader> reader =
            catalog.reader(ref.type().get(), FieldPath.parse(ref.field()));
        if (reader.isEmpty()) {
          found.add(
              ref.error(
                  "type "
                      + type
                      + " is not known to the gateway (not bundled, not under"
                      + " ros2.message_paths); reading field '"
                      + ref.field()
                      + "' needs its definition"));
        } else if (reader.isPresent()
            && ref.numeric()
            && reader.get().kind() == FieldReader.Kind.TEXT) {
          found.add(
              ref.error(
                  "field '"
                      + ref.field()
                      + "' of "
                      + type
                      + " is text; "
                      + (ref.path().startsWith("capture.")
                          ? "only matches compares text"
                          : "a metric needs a number or boolean field")));
        } else if (reader.isPresent()
            && ref.text()
            && reader.get().kind() != FieldReader.Kind.TEXT) {
          found.add(
              ref.error(
                  "field '"
                      + ref.field()
                      + "' of "
                      + type
                      + " is not text; matches needs a string field"));
        }
      } catch (IllegalArgumentException e) {
        found.add(ref.error(Objects.requireNonNullElse(e.getMessage(), e.toString())));
      }
    }
    return found.isEmpty() ? this : invalid(found);
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
