package io.edgegateway.core.config;

import java.util.Objects;

/**
 * One problem found in a config file.
 *
 * @param file the file name as given by the caller
 * @param line 1-based line; errors about the file as a whole (missing, unreadable, empty) use 1
 * @param column 1-based column; 1 for errors about the file as a whole
 * @param path the key, e.g. {@code ros2.topics[2].priority} (list indexes are 0-based); empty for
 *     errors about the file as a whole or its YAML syntax
 * @param message what is wrong and what is expected
 */
public record ConfigError(String file, int line, int column, String path, String message) {
  public ConfigError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 1) {
      throw new IllegalArgumentException("line : " + line + " (expected: >= 1)");
    }
    if (column < 1) {
      throw new IllegalArgumentException("column : " + column + " (expected: >= 1)");
    }
  }

  /**
   * {@code FILE:LINE:COL: path.to.key: message}, or {@code FILE:LINE:COL: message} without path.
   */
  public String format() {
    return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
