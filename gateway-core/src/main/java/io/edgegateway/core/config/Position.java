package io.edgegateway.core.config;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A 1-based line and column in the config file.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
record Position(int line, int column) {
  /** Where errors about the file as a whole, or a section that is absent, are placed. */
  static final Position DOCUMENT_START = new Position(1, 1);

  /** The position of a snakeyaml mark (0-based). */
  static Position of(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Where {@code node} starts; the document start when the node has no mark. */
  static Position of(Node node) {
    return node.getStartMark().map(Position::of).orElse(DOCUMENT_START);
  }

  /** The position of the code point at {@code codePointIndex} (0-based) in {@code text}. */
  static Position ofCodePoint(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
      int cp = text.codePointAt(i);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += Character.charCount(cp);
    }
    return new Position(line, column);
  }

  /** {@code line 3, column 5}, as a message that points back at this place says it. */
  String describe() {
    return "line " + line + ", column " + column;
  }
}
