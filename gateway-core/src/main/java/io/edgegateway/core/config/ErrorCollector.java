package io.edgegateway.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The errors found while reading one config file, in the order they were found. A count taken
 * before reading a part of the file tells afterwards whether that part had errors.
 */
final class ErrorCollector {
  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  ErrorCollector(String file) {
    this.file = file;
  }

  /** The file name put in every error. */
  String file() {
    return file;
  }

  void report(Position at, String path, String message) {
    errors.add(new ConfigError(file, at.line(), at.column(), path, message));
  }

  /** How many errors were reported so far. */
  int count() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * Builds a record from values that all parsed; a constructor that still refuses them (a rule the
   * parser does not check) becomes an error at {@code at}, never an exception.
   */
  <T> @Nullable T build(Position at, String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
      report(at, path, "invalid: " + e.getMessage());
      return null;
    }
  }

  /** Every error in file order (line, then column); errors at one position keep their order. */
  List<ConfigError> inFileOrder() {
    List<ConfigError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    return sorted;
  }
}
