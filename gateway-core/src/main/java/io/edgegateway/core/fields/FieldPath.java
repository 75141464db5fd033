package io.edgegateway.core.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path to one value inside a ROS 2 message: field names separated by dots, each optionally
 * followed by one array index, e.g. {@code position[3]}, {@code header.stamp.sec} or {@code
 * status[0].values[1].value}.
 *
 * @param segments the steps from the message root, at least one
 */
public record FieldPath(List<Segment> segments) {

  /**
   * One step of a path: a field name and, for array fields, the element index.
   *
   * @param name the field name as written in the {@code .msg} file
   * @param index the array index, or {@link #NO_INDEX}
   */
  public record Segment(String name, int index) {
    /** The index of a segment that does not index an array. */
    public static final int NO_INDEX = -1;

    public Segment {
      Objects.requireNonNull(name, "name");
      if (index < NO_INDEX) {
        throw new IllegalArgumentException("index : " + index + " (expected: >= 0, or -1)");
      }
    }

    /** True when the segment indexes an array element. */
    public boolean indexed() {
      return index != NO_INDEX;
    }

    @Override
    public String toString() {
      return indexed() ? name + "[" + index + "]" : name;
    }
  }

  public FieldPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("segments : [] (expected: at least one)");
    }
  }

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException naming the offending character when {@code text} is not a path
   *     like {@code a.b[2].c}
   */
  public static FieldPath parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      int start = i;
      if (i >= n || !identStart(text.charAt(i))) {
        throw syntax(text, i, "a field name");
      }
      while (i < n && identPart(text.charAt(i))) {
        i++;
      }
      String name = text.substring(start, i);
      int index = Segment.NO_INDEX;
      if (i < n && text.charAt(i) == '[') {
        int digits = ++i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
        }
        if (i == digits || i >= n || text.charAt(i) != ']') {
          throw syntax(text, i, i == digits ? "an index (digits)" : "']'");
        }
        long value = 0;
        for (int d = digits; d < i; d++) {
          value = value * 10 + (text.charAt(d) - '0');
          if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                "field path '" + text + "': index " + text.substring(digits, i) + " is too large");
          }
        }
        index = (int) value;
        i++;
      }
      segments.add(new Segment(name, index));
      if (i == n) {
        return new FieldPath(segments);
      }
      if (text.charAt(i) != '.') {
        throw syntax(text, i, "'.' or '['");
      }
      i++;
    }
  }

  private static IllegalArgumentException syntax(String text, int at, String expected) {
    String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
    return new IllegalArgumentException(
        "field path '"
            + text
            + "': expected "
            + expected
            + " at character "
            + (at + 1)
            + ", found "
            + found
            + " (expected a path like position[3] or header.stamp.sec)");
  }

  private static boolean identStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean identPart(char c) {
    return identStart(c) || (c >= '0' && c <= '9');
  }

  /** The path as written, e.g. {@code position[3]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Segment s : segments) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(s);
    }
    return b.toString();
  }
}
