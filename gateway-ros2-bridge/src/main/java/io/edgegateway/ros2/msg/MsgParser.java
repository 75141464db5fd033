package io.edgegateway.ros2.msg;

import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .msg} parser: one line per field ({@code type name [default]}) or constant ({@code
 * type NAME=value}), {@code #} comments.
 *
 * <p>Implementation notes: follows {@code rosidl_adapter}'s grammar. Types are primitives, {@code
 * string<=N}, {@code pkg/Type} (also {@code pkg/msg/Type}), a bare {@code Type} of the same
 * package, and {@code Header} for {@code std_msgs/Header}; each may carry {@code [N]}, {@code
 * [<=N]} or {@code []}. ROS 1 {@code time} and {@code duration} map to {@code builtin_interfaces}.
 * A {@code #} inside a quoted value does not start a comment.
 */
public final class MsgParser {
  private static final String NAME = "[A-Za-z][A-Za-z0-9_]*";
  private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");
  private static final Pattern CONSTANT = Pattern.compile("(" + NAME + ")\\s*=\\s*(.*)");
  private static final Pattern FIELD = Pattern.compile("(" + NAME + ")(?:\\s+(.*))?");
  private static final Pattern ARRAY = Pattern.compile("(.+?)\\[(<=)?([0-9]*)]");
  private static final Pattern STRING_BOUND = Pattern.compile("(w?string)<=([0-9]+)");
  private static final int MAX_BOUND = Integer.MAX_VALUE;

  private MsgParser() {}

  /**
   * Parses the {@code .msg} text of {@code type}.
   *
   * @param type the message type, {@code pkg/msg/Type}
   * @param text the file contents
   * @throws MessageDefinitionException naming the type, line and problem
   */
  public static MessageDefinition parse(String type, String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = Objects.requireNonNull(type, "type").split("/");
    if (parts.length != 3 || !PACKAGE.matcher(parts[0]).matches()) {
      throw new MessageDefinitionException(
          "type : " + type + " (expected: pkg/msg/Type, e.g. std_msgs/msg/Header)");
    }
    String pkg = parts[0];
    List<MessageField> fields = new ArrayList<>();
    List<MessageConstant> constants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        parseLine(pkg, line, fields, constants, names);
      } catch (MessageDefinitionException e) {
        throw new MessageDefinitionException(
            type + " line " + (i + 1) + ": " + e.getMessage() + " in '" + lines[i].strip() + "'");
      }
    }
    return new MessageDefinition(type, text, fields, constants);
  }

  private static void parseLine(
      String pkg,
      String line,
      List<MessageField> fields,
      List<MessageConstant> constants,
      Set<String> names) {
    int space = firstWhitespace(line);
    if (space < 0) {
      throw new MessageDefinitionException("missing field name");
    }
    String typeText = line.substring(0, space);
    String rest = line.substring(space).strip();
    FieldType type = parseType(pkg, typeText);
    Matcher constant = CONSTANT.matcher(rest);
    if (constant.matches()) {
      if (type.isMessage() || type.isArray()) {
        throw new MessageDefinitionException("a constant must have a primitive type");
      }
      String name = constant.group(1);
      if (!names.add(name)) {
        throw new MessageDefinitionException("duplicate name " + name);
      }
      Object value = parseValue(type, constant.group(2).strip());
      constants.add(new MessageConstant(name, type.primitiveOrThrow(), value));
      return;
    }
    Matcher field = FIELD.matcher(rest);
    if (!field.matches()) {
      throw new MessageDefinitionException("bad field name");
    }
    String name = field.group(1);
    if (!names.add(name)) {
      throw new MessageDefinitionException("duplicate name " + name);
    }
    String defaultText = field.group(2);
    Object defaultValue = null;
    if (defaultText != null && !defaultText.isBlank()) {
      if (type.isMessage()) {
        throw new MessageDefinitionException("a nested message field cannot have a default");
      }
      defaultValue =
          type.isArray() ? parseArray(type, defaultText.strip()) : parseValue(type, defaultText);
    }
    fields.add(new MessageField(name, type, defaultValue));
  }

  /** Parses a field type such as {@code float64[<=3]} or {@code geometry_msgs/Point}. */
  static FieldType parseType(String pkg, String text) {
    ArrayKind array = ArrayKind.NONE;
    int arrayBound = 0;
    String base = text;
    Matcher a = ARRAY.matcher(text);
    if (a.matches()) {
      base = a.group(1);
      boolean bounded = a.group(2) != null;
      String digits = a.group(3);
      if (digits.isEmpty()) {
        if (bounded) {
          throw new MessageDefinitionException("array bound missing after <=");
        }
        array = ArrayKind.UNBOUNDED;
      } else {
        array = bounded ? ArrayKind.BOUNDED : ArrayKind.FIXED;
        arrayBound = bound(digits);
        if (array == ArrayKind.FIXED && arrayBound == 0) {
          throw new MessageDefinitionException("fixed array size 0");
        }
      }
    } else if (text.contains("[") || text.contains("]")) {
      throw new MessageDefinitionException("bad array type " + text);
    }
    Matcher s = STRING_BOUND.matcher(base);
    if (s.matches()) {
      int bound = bound(s.group(2));
      Primitive p = s.group(1).equals("string") ? Primitive.STRING : Primitive.WSTRING;
      return new FieldType(p, null, bound, array, arrayBound);
    }
    Optional<Primitive> primitive = Primitive.fromMsgName(base);
    if (primitive.isPresent()) {
      return new FieldType(primitive.get(), null, 0, array, arrayBound);
    }
    return new FieldType(null, messageType(pkg, base), 0, array, arrayBound);
  }

  private static String messageType(String pkg, String base) {
    switch (base) {
      case "Header":
        return "std_msgs/msg/Header";
      case "time":
        return "builtin_interfaces/msg/Time";
      case "duration":
        return "builtin_interfaces/msg/Duration";
      default:
        break;
    }
    String[] parts = base.split("/", -1);
    String typePkg;
    String name;
    if (parts.length == 1) {
      typePkg = pkg;
      name = parts[0];
    } else if (parts.length == 2) {
      typePkg = parts[0];
      name = parts[1];
    } else if (parts.length == 3 && parts[1].equals("msg")) {
      typePkg = parts[0];
      name = parts[2];
    } else {
      throw new MessageDefinitionException("bad type " + base);
    }
    if (!PACKAGE.matcher(typePkg).matches() || !TYPE_NAME.matcher(name).matches()) {
      throw new MessageDefinitionException("unknown type " + base);
    }
    return typePkg + "/msg/" + name;
  }

  private static int bound(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new MessageDefinitionException("bound " + digits + " (expected: <= " + MAX_BOUND + ")");
    }
  }

  private static List<Object> parseArray(FieldType type, String text) {
    if (!text.startsWith("[") || !text.endsWith("]")) {
      throw new MessageDefinitionException("array default must be [a, b, ...]");
    }
    String inner = text.substring(1, text.length() - 1).strip();
    List<Object> values = new ArrayList<>();
    if (!inner.isEmpty()) {
      for (String element : splitElements(inner)) {
        values.add(parseValue(type.element(), element.strip()));
      }
    }
    if (type.array() == ArrayKind.FIXED && values.size() != type.arrayBound()) {
      throw new MessageDefinitionException(
          "default has " + values.size() + " elements (expected: " + type.arrayBound() + ")");
    }
    if (type.array() == ArrayKind.BOUNDED && values.size() > type.arrayBound()) {
      throw new MessageDefinitionException(
          "default has " + values.size() + " elements (expected: <= " + type.arrayBound() + ")");
    }
    return List.copyOf(values);
  }

  private static Object parseValue(FieldType type, String text) {
    Primitive p = type.primitiveOrThrow();
    if (p.isString()) {
      String value = unquote(text);
      if (type.stringBound() > 0 && value.length() > type.stringBound()) {
        throw new MessageDefinitionException(
            "string value longer than " + type.stringBound() + " characters");
      }
      return value;
    }
    if (text.isEmpty()) {
      throw new MessageDefinitionException("missing value");
    }
    switch (p) {
      case BOOL:
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
          case "true":
          case "1":
            return Boolean.TRUE;
          case "false":
          case "0":
            return Boolean.FALSE;
          default:
            throw new MessageDefinitionException("bad bool value " + text);
        }
      case FLOAT32:
      case FLOAT64:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new MessageDefinitionException("bad " + p.msgName() + " value " + text);
        }
      default:
        return integer(p, text);
    }
  }

  private static Object integer(Primitive p, String text) {
    BigInteger value;
    try {
      value = new BigInteger(text);
    } catch (NumberFormatException e) {
      throw new MessageDefinitionException("bad " + p.msgName() + " value " + text);
    }
    boolean signed = p.name().startsWith("INT");
    int bits = p.size() * 8;
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        signed
            ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new MessageDefinitionException(
          p.msgName() + " value " + text + " out of range " + min + ".." + max);
    }
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private static String unquote(String text) {
    if (text.length() >= 2) {
      char q = text.charAt(0);
      if ((q == '"' || q == '\'') && text.charAt(text.length() - 1) == q) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
          char c = text.charAt(i);
          if (c == '\\' && i + 1 < text.length() - 1) {
            c = text.charAt(++i);
          }
          out.append(c);
        }
        return out.toString();
      }
    }
    return text;
  }

  private static List<String> splitElements(String inner) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < inner.length()) {
          current.append(c).append(inner.charAt(++i));
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ',') {
        out.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    out.add(current.toString());
    return out;
  }

  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static int firstWhitespace(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
