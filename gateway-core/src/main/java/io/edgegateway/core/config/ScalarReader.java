package io.edgegateway.core.config;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads scalar values: substitutes {@code ${...}} references (see {@link Substitution}), then
 * parses the text with a {@link ValueType}. A value that fails is reported and comes back null.
 */
final class ScalarReader {
  private final ErrorCollector errors;
  private final Function<String, String> env;

  /**
   * @param env environment lookup for {@code ${NAME}}; returns null for an unset variable
   */
  ScalarReader(ErrorCollector errors, Function<String, String> env) {
    this.errors = errors;
    this.env = env;
  }

  /** Parses a scalar value node; null (with an error) when it is not a valid {@code type}. */
  <T> @Nullable T read(Node node, String path, ValueType<T> type) {
    if (!(node instanceof ScalarNode)) {
      errors.report(Position.of(node), path, ConfigMessages.expected(type, node));
      return null;
    }
    String raw = ((ScalarNode) node).getValue();
    boolean credential = Redaction.isCredential(path);
    String text;
    try {
      text = Substitution.apply(raw, env);
    } catch (IllegalArgumentException e) {
      String message = Objects.requireNonNull(e.getMessage(), "substitution error text");
      errors.report(Position.of(node), path, credential ? Redaction.scrub(message, raw) : message);
      return null;
    }
    if (!credential) {
      return parse(text, Position.of(node), path, type);
    }
    try {
      return type.parse(text);
    } catch (IllegalArgumentException e) {
      String message = Objects.requireNonNull(e.getMessage(), "parse error text");
      errors.report(Position.of(node), path, Redaction.scrub(message, raw, text));
      return null;
    }
  }

  /** Parses {@code text}, taken as is; null (with an error at {@code at}) when it is invalid. */
  <T> @Nullable T parse(String text, Position at, String path, ValueType<T> type) {
    try {
      return type.parse(text);
    } catch (IllegalArgumentException e) {
      errors.report(at, path, Objects.requireNonNull(e.getMessage(), "parse error text"));
      return null;
    }
  }
}
