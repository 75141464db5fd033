package io.edgegateway.core.capture;

import io.edgegateway.core.fields.FieldPath;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A trigger's {@code when}: one comparison of a message field with a literal, e.g. {@code
 * wrench.force.x >= 1500}, {@code status[*].level >= 2} (true when any element compares true) or
 * {@code data matches "^FAULT"}.
 *
 * <p>Grammar: {@code path op literal}; {@code path} is a {@link FieldPath} in which at most one
 * index may be {@code *}; {@code op} is one of {@code == != < <= > >= matches}; {@code literal} is
 * a number, {@code true}, {@code false} or a double-quoted string ({@code \"} and {@code \\}
 * escapes). {@code matches} takes a string (a Java regular expression, searched with {@code find});
 * the ordering operators take a number; {@code ==} and {@code !=} take any literal.
 *
 * <p>Thread-safe and immutable.
 */
public final class TriggerCondition {
  /** Index in {@link #path} segments that stands for "any element" ({@code [*]}). */
  public static final String ANY = "[*]";

  /** A comparison operator. */
  public enum Op {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    MATCHES("matches");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }

    /** Whether it orders numbers ({@code < <= > >=}). */
    public boolean ordering() {
      return this == LT || this == LE || this == GT || this == GE;
    }
  }

  private final String path;
  private final Op op;
  private final Object literal;
  private final @Nullable Pattern pattern;

  /**
   * A condition.
   *
   * @param path the field path as written, with {@code [*]} where any element is meant
   * @param op the comparison
   * @param literal a {@link Double}, {@link Boolean} or {@link String}
   * @throws IllegalArgumentException when the path, the literal or the pattern is not valid
   */
  public TriggerCondition(String path, Op op, Object literal) {
    this.path = Objects.requireNonNull(path, "path");
    this.op = Objects.requireNonNull(op, "op");
    Objects.requireNonNull(literal, "literal");
    this.literal = literal instanceof Double d && d == 0 ? (Object) 0.0 : literal;
    concretePath(path, 0); // checks the path
    if (op == Op.MATCHES) {
      if (!(literal instanceof String s)) {
        throw new IllegalArgumentException("matches needs a string literal, got " + literal);
      }
      try {
        this.pattern = Pattern.compile(s);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad regular expression \"" + s + "\": " + e.getDescription(), e);
      }
      return;
    }
    this.pattern = null;
    if (op.ordering() && !(literal instanceof Double)) {
      throw new IllegalArgumentException(op.symbol() + " needs a number, got " + literal);
    } else if (!(literal instanceof Double
        || literal instanceof Boolean
        || literal instanceof String)) {
      throw new IllegalArgumentException(
          "literal : " + literal + " (expected: number, bool, string)");
    }
  }

  /**
   * Parses an expression.
   *
   * @throws TriggerSyntaxException saying what was expected at which character
   */
  public static TriggerCondition parse(String text) {
    return new TriggerParser(text).parse();
  }

  /** The field path as written, with {@code [*]} where any element is meant. */
  public String path() {
    return path;
  }

  /** The comparison. */
  public Op op() {
    return op;
  }

  /** The literal: a {@link Double}, {@link Boolean} or {@link String}. */
  public Object literal() {
    return literal;
  }

  /** Whether the path has an {@code [*]} index. */
  public boolean anyElement() {
    return path.contains(ANY);
  }

  /**
   * The path with its {@code [*]} replaced by {@code [index]} (the path itself when it has none).
   */
  public FieldPath concretePath(int index) {
    return concretePath(path, index);
  }

  private static FieldPath concretePath(String path, int index) {
    int first = path.indexOf(ANY);
    if (first >= 0 && path.indexOf(ANY, first + 1) >= 0) {
      throw new IllegalArgumentException(
          "field path '" + path + "': at most one [*] (any element) per path");
    }
    return FieldPath.parse(path.replace(ANY, "[" + index + "]"));
  }

  /**
   * Whether one field value satisfies the comparison: a {@link Number}, {@link Boolean} or {@link
   * String} as {@code FieldReader.read} returns it. Values of another kind than the literal compare
   * false (and true for {@code !=}).
   */
  public boolean test(Object value) {
    switch (op) {
      case MATCHES:
        return value instanceof String s && compiled().matcher(s).find();
      case EQ:
        return equal(value);
      case NE:
        return !equal(value);
      default:
        if (!(value instanceof Number n)) {
          return false;
        }
        double v = n.doubleValue();
        if (Double.isNaN(v)) {
          return false;
        }
        int c = Double.compare(v == 0 ? 0.0 : v, (Double) literal);
        return switch (op) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
    }
  }

  private boolean equal(Object value) {
    if (literal instanceof Double d) {
      if (value instanceof Number n) {
        return n.doubleValue() == d;
      }
      return value instanceof Boolean b && (b ? 1.0 : 0.0) == d;
    }
    return literal.equals(value);
  }

  private Pattern compiled() {
    return Objects.requireNonNull(pattern, "pattern of matches");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TriggerCondition t
        && t.path.equals(path)
        && t.op == op
        && t.literal.equals(literal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, op, literal);
  }

  /** The expression in its canonical form; {@link #parse} of it gives an equal condition. */
  @Override
  public String toString() {
    return path + " " + op.symbol() + " " + literalText(literal);
  }

  static String literalText(Object literal) {
    if (literal instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\');
        }
        b.append(c);
      }
      return b.append('"').toString();
    }
    if (literal instanceof Double d
        && d == Math.rint(d)
        && !Double.isInfinite(d)
        && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return literal.toString();
  }
}
