package io.edgegateway.core.capture;

import io.edgegateway.core.capture.TriggerCondition.Op;
import java.util.regex.Pattern;

/** The parser of {@link TriggerCondition#parse}: one pass over the text, no backtracking. */
final class TriggerParser {
  private static final String EXAMPLE =
      " (expected an expression like: wrench.force.x >= 1500, status[*].level >= 2,"
          + " data matches \"^FAULT\")";
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final String text;
  private int i;

  TriggerParser(String text) {
    this.text = text;
  }

  TriggerCondition parse() {
    skipSpaces();
    int pathStart = i;
    while (i < text.length() && pathChar(text.charAt(i))) {
      i++;
    }
    if (i == pathStart) {
      throw error("expected a field path", pathStart);
    }
    String path = text.substring(pathStart, i);
    try {
      new TriggerCondition(path, Op.EQ, 0.0);
    } catch (IllegalArgumentException e) {
      throw new TriggerSyntaxException(e.getMessage() + EXAMPLE, pathStart);
    }
    skipSpaces();
    int opStart = i;
    Op op = op();
    skipSpaces();
    int literalStart = i;
    Object literal = literal();
    skipSpaces();
    if (i < text.length()) {
      throw error("expected the end of the expression", i);
    }
    try {
      return new TriggerCondition(path, op, literal);
    } catch (IllegalArgumentException e) {
      throw new TriggerSyntaxException(
          e.getMessage() + EXAMPLE, op == Op.MATCHES ? literalStart : opStart);
    }
  }

  private Op op() {
    if (text.startsWith("matches", i)) {
      i += "matches".length();
      if (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
        throw error("expected a space after matches", i);
      }
      return Op.MATCHES;
    }
    for (Op op : new Op[] {Op.EQ, Op.NE, Op.LE, Op.GE, Op.LT, Op.GT}) {
      if (text.startsWith(op.symbol(), i)) {
        i += op.symbol().length();
        return op;
      }
    }
    throw error("expected an operator (== != < <= > >= matches)", i);
  }

  private Object literal() {
    if (i >= text.length()) {
      throw error("expected a value (a number, true, false or a \"string\")", i);
    }
    if (text.charAt(i) == '"') {
      int start = i++;
      StringBuilder b = new StringBuilder();
      while (i < text.length() && text.charAt(i) != '"') {
        char c = text.charAt(i++);
        if (c == '\\') {
          if (i >= text.length() || (text.charAt(i) != '"' && text.charAt(i) != '\\')) {
            throw error("expected \\\" or \\\\ after a backslash", i);
          }
          c = text.charAt(i++);
        }
        b.append(c);
      }
      if (i >= text.length()) {
        throw error("unterminated string (no closing \")", start);
      }
      i++;
      return b.toString();
    }
    int start = i;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    String word = text.substring(start, i);
    if (word.equals("true") || word.equals("false")) {
      return Boolean.valueOf(word);
    }
    if (!NUMBER.matcher(word).matches()) {
      throw error(
          "expected a value (a number, true, false or a \"string\"), got '" + word + "'", start);
    }
    double value = Double.parseDouble(word);
    if (Double.isInfinite(value)) {
      throw error("number " + word + " is out of range", start);
    }
    return value;
  }

  private static boolean pathChar(char c) {
    return c == '_'
        || c == '.'
        || c == '['
        || c == ']'
        || c == '*'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9');
  }

  private void skipSpaces() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
  }

  private TriggerSyntaxException error(String message, int at) {
    return new TriggerSyntaxException(message + " at character " + (at + 1) + EXAMPLE, at);
  }
}
