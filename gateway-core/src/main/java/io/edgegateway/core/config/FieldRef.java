package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import java.util.Optional;

/**
 * A field path written in the config (an {@code on_change} field or a metric's field), where it is
 * and the type it must exist in, so it can be checked once message definitions are loaded.
 *
 * @param file the config file name
 * @param line 1-based line of the value
 * @param column 1-based column of the value
 * @param path the key path, e.g. {@code ros2.topics[0].sample.on_change.field}
 * @param type the topic's type when the rule names one
 * @param field the field path as written
 * @param numeric true when the field must be a number or boolean (metrics)
 * @param text true when the field must be a string (a trigger's {@code matches})
 */
record FieldRef(
    String file,
    int line,
    int column,
    String path,
    Optional<RosTypeName> type,
    String field,
    boolean numeric,
    boolean text) {

  FieldRef(
      String file,
      int line,
      int column,
      String path,
      Optional<RosTypeName> type,
      String field,
      boolean numeric) {
    this(file, line, column, path, type, field, numeric, false);
  }

  ConfigError error(String message) {
    return new ConfigError(file, line, column, path, message);
  }
}
