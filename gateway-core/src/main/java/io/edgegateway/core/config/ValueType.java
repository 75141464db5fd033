package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.routing.TopicMatcher;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How the text of a YAML scalar becomes a typed value, and which values are allowed.
 *
 * @param label what the reference calls this type, e.g. {@code integer}
 * @param parser text to value; throws {@link IllegalArgumentException} whose message is the error
 *     shown to the user, e.g. {@code expected an integer, got 'abc'}
 * @param allowed the values allowed once parsed
 * @param range the allowed values in words, e.g. {@code 0..232}; empty when any parsed value goes
 * @param show a value as config text, for range messages
 */
record ValueType<T>(
    String label,
    Function<String, T> parser,
    Predicate<T> allowed,
    String range,
    Function<T, String> show) {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

  /** Parses {@code text} and checks the range. */
  T parse(String text) {
    T value = parser.apply(text);
    if (!allowed.test(value)) {
      throw new IllegalArgumentException(
          show.apply(value) + " is out of range (expected " + range + ")");
    }
    return value;
  }

  /** Throws {@code "name : value (expected: range)"} if {@code value} is not allowed. */
  T check(String name, T value) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (!allowed.test(value)) {
      throw new IllegalArgumentException(
          name
              + " : "
              + show.apply(value)
              + " (expected: "
              + (range.isEmpty() ? "a valid " + label : range)
              + ")");
    }
    return value;
  }

  /** The type and range as shown in the reference, e.g. {@code integer, 0..232}. */
  String describe() {
    return range.isEmpty() ? label : label + ", " + range;
  }

  static ValueType<String> string() {
    return new ValueType<>("string", s -> s, s -> true, "", s -> s);
  }

  static ValueType<String> nonEmptyString() {
    return new ValueType<>(
        "string",
        s -> {
          if (s.isBlank()) {
            throw new IllegalArgumentException("expected a non-empty string");
          }
          return s;
        },
        s -> !s.isBlank(),
        "not empty",
        s -> "'" + s + "'");
  }

  /** A string that matches {@code pattern}, described by {@code hint} in errors. */
  static ValueType<String> matching(String pattern, String hint) {
    return matching(pattern, hint, "`" + pattern + "`");
  }

  /** A string that matches {@code pattern}; the reference shows {@code range}. */
  static ValueType<String> matching(String pattern, String hint, String range) {
    Pattern compiled = Pattern.compile(pattern);
    return new ValueType<>(
        "string",
        s -> {
          if (!compiled.matcher(s).matches()) {
            throw new IllegalArgumentException("expected " + hint + ", got '" + s + "'");
          }
          return s;
        },
        s -> compiled.matcher(s).matches(),
        range,
        s -> "'" + s + "'");
  }

  static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>(
        "integer",
        s -> {
          String t = s.trim();
          if (!INTEGER.matcher(t).matches()) {
            throw new IllegalArgumentException("expected an integer, got '" + s + "'");
          }
          BigInteger big = new BigInteger(t);
          if (big.bitLength() >= 32) {
            throw new IllegalArgumentException(
                t + " is out of range (expected " + min + ".." + max + ")");
          }
          return big.intValue();
        },
        v -> v >= min && v <= max,
        min + ".." + max,
        String::valueOf);
  }

  /** A finite number {@code > 0}. */
  static ValueType<Double> positiveNumber() {
    return number(v -> v > 0, "> 0");
  }

  /** A finite number {@code >= 0}. */
  static ValueType<Double> nonNegativeNumber() {
    return number(v -> v >= 0, ">= 0");
  }

  private static ValueType<Double> number(Predicate<Double> allowed, String range) {
    return new ValueType<>(
        "number",
        s -> {
          String t = s.trim();
          if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("expected a number, got '" + s + "'");
          }
          double v = Double.parseDouble(t);
          if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(t + " is out of range (expected " + range + ")");
          }
          return v;
        },
        v -> Double.isFinite(v) && allowed.test(v),
        range,
        ValueType::showNumber);
  }

  private static String showNumber(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  static ValueType<Boolean> bool() {
    return new ValueType<>(
        "boolean",
        s -> {
          String t = s.trim().toLowerCase(Locale.ROOT);
          if (t.equals("true")) {
            return true;
          }
          if (t.equals("false")) {
            return false;
          }
          throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        },
        v -> true,
        "",
        String::valueOf);
  }

  /** A boolean that must be {@code true}, for marker keys such as {@code keep_all}. */
  static ValueType<Boolean> trueOnly() {
    ValueType<Boolean> bool = bool();
    return new ValueType<>("boolean", bool.parser(), v -> v, "true", String::valueOf);
  }

  static ValueType<Long> size(long min, long max) {
    return new ValueType<>(
        "size",
        Sizes::parse,
        v -> v >= min && v <= max,
        Sizes.format(min) + ".." + Sizes.format(max),
        Sizes::format);
  }

  static ValueType<Duration> duration(Duration min, Duration max) {
    return new ValueType<>(
        "duration",
        Durations::parse,
        v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
        Durations.format(min) + ".." + Durations.format(max),
        Durations::format);
  }

  /** One of the constants of {@code type}, spelled in lower case in the config. */
  static <E extends Enum<E>> ValueType<E> enumOf(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(configName(constant));
    }
    String allowed = String.join(" | ", names);
    return new ValueType<>(
        "enum",
        s -> {
          for (E constant : type.getEnumConstants()) {
            if (configName(constant).equals(s.trim())) {
              return constant;
            }
          }
          throw new IllegalArgumentException(
              "invalid value '" + s + "' (expected one of: " + String.join(", ", names) + ")");
        },
        v -> true,
        allowed,
        ValueType::configName);
  }

  static String configName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static ValueType<Path> path() {
    return new ValueType<>(
        "path",
        s -> {
          if (s.isBlank()) {
            throw new IllegalArgumentException("expected a path, got an empty string");
          }
          try {
            return Path.of(s);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid path '" + s + "': " + e.getReason());
          }
        },
        p -> !p.toString().isEmpty(),
        "",
        Path::toString);
  }

  static ValueType<RosTypeName> rosType() {
    return new ValueType<>(
        "ROS type",
        s -> {
          if (!RosTypeName.isValid(s)) {
            throw new IllegalArgumentException(
                "expected a ROS type like sensor_msgs/msg/JointState, got '" + s + "'");
          }
          return RosTypeName.parse(s);
        },
        v -> true,
        "",
        RosTypeName::toString);
  }

  static ValueType<TopicMatcher> topicMatcher() {
    return new ValueType<>("topic pattern", TopicMatcher::parse, v -> true, "", String::valueOf);
  }

  static ValueType<String> topicName() {
    return new ValueType<>(
        "topic name",
        s -> {
          if (!TopicMatcher.isTopicName(s)) {
            throw new IllegalArgumentException(
                "expected an absolute topic name like /robot/joint_commands, got '" + s + "'");
          }
          return s;
        },
        TopicMatcher::isTopicName,
        "",
        s -> s);
  }

  static ValueType<HostPort> hostPort() {
    return new ValueType<>("host:port", HostPort::parse, v -> true, "", HostPort::toString);
  }

  /** Comma-separated {@code host:port} list, kept as text. */
  static ValueType<String> hostPortList() {
    return new ValueType<>(
        "host:port list",
        s -> {
          String[] parts = s.split(",", -1);
          for (String part : parts) {
            HostPort hp;
            try {
              hp = HostPort.parse(part.trim());
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  "expected host:port[,host:port...] like 127.0.0.1:9092, got '" + s + "'");
            }
            if (hp.port() == 0) {
              throw new IllegalArgumentException(
                  "port 0 is out of range in '" + s + "' (expected 1..65535)");
            }
          }
          return s;
        },
        v -> true,
        "",
        s -> s);
  }
}
