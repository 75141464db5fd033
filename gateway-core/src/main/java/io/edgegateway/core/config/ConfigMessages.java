package io.edgegateway.core.config;

import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The wording of the errors every section shares: unknown keys with their "did you mean"
 * suggestion, values of the wrong shape or type, and duplicates. Section-specific rules word their
 * own messages.
 */
final class ConfigMessages {
  /** Longest scalar quoted in a message; longer ones are cut and end in {@code ...}. */
  static final int MAX_SHOWN_VALUE = 60;

  private ConfigMessages() {}

  /** An unknown key: the closest known key as a suggestion, else every known key. */
  static String unknownKey(String name, List<String> known) {
    return Suggestions.closest(name, known)
        .map(s -> "unknown key; did you mean '" + s + "'?")
        .orElse("unknown key (expected one of: " + String.join(", ", known) + ")");
  }

  /** A scalar that is not of {@code type}, e.g. {@code expected an integer, got a list}. */
  static String expected(ValueType<?> type, Node got) {
    return expected(expectation(type), got);
  }

  /** A value of the wrong shape, e.g. {@code expected a mapping, got 'x'}. */
  static String expected(String what, Node got) {
    return "expected " + what + ", got " + describe(got);
  }

  /** A key given twice in one mapping. */
  static String duplicateKey(Position first) {
    return "duplicate key (first defined at " + first.describe() + ")";
  }

  /**
   * What a value of {@code type} is, with its article: {@code an integer}, {@code one of: a, b}.
   */
  static String expectation(ValueType<?> type) {
    if (type.label().equals("enum")) {
      return "one of: " + type.range().replace(" | ", ", ");
    }
    String label = type.label();
    return ("aeiou".indexOf(Character.toLowerCase(label.charAt(0))) >= 0 ? "an " : "a ") + label;
  }

  /** A node as a message shows it: {@code a mapping}, {@code a list} or the quoted scalar. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode) {
      String value = ((ScalarNode) node).getValue();
      if (value.length() > MAX_SHOWN_VALUE) {
        value = value.substring(0, MAX_SHOWN_VALUE) + "...";
      }
      return "'" + value + "'";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
