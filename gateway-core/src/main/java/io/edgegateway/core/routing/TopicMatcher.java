package io.edgegateway.core.routing;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which ROS 2 topic names a topic rule applies to, in one of three forms.
 *
 * <ul>
 *   <li>exact: {@code /joint_states} matches only that name;
 *   <li>glob: {@code /imu/*}, where {@code *} matches within one path segment, {@code **} across
 *       segments ({@code /a/**}{@code /b} also matches {@code /a/b}) and {@code ?} one character
 *       other than {@code /};
 *   <li>regex: {@code re:^/ft/.*}, a {@link Pattern} that must match the whole name.
 * </ul>
 *
 * <p>{@code toString()} returns the text the matcher was parsed from.
 */
public sealed interface TopicMatcher permits ExactMatcher, PatternMatcher {
  /** Prefix that marks a regular expression. */
  String REGEX_PREFIX = "re:";

  /**
   * Parses a matcher from its config text.
   *
   * @throws IllegalArgumentException with a message saying which forms are accepted, or why the
   *     regex does not compile
   */
  static TopicMatcher parse(String text) {
    if (text.startsWith(REGEX_PREFIX)) {
      String regex = text.substring(REGEX_PREFIX.length());
      if (regex.isEmpty()) {
        throw new IllegalArgumentException("empty regex after 're:'");
      }
      try {
        return new PatternMatcher(text, Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regex '"
                + regex
                + "': "
                + describe(e)
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
      }
    }
    if (ExactMatcher.isTopicName(text)) {
      return new ExactMatcher(text);
    }
    if (Globs.isGlob(text)) {
      return new PatternMatcher(text, Pattern.compile(Globs.toRegex(text)));
    }
    throw new IllegalArgumentException(
        "expected an absolute topic name (/joint_states), a glob (/camera/*/compressed) or a"
            + " regex (re:^/ft/.*), got '"
            + text
            + "'");
  }

  /** Whether {@code topic} is a valid absolute ROS 2 topic name such as {@code /imu/torso}. */
  static boolean isTopicName(String topic) {
    return ExactMatcher.isTopicName(topic);
  }

  /** Whether this matcher applies to {@code topic}. */
  boolean matches(String topic);

  /** Whether this matcher matches exactly one topic name, the text it was parsed from. */
  boolean isExact();

  /**
   * The reason a regex does not compile. {@link Pattern} says "Unexpected internal error" for a
   * trailing backslash; say what it is.
   */
  private static String describe(PatternSyntaxException e) {
    String why = e.getDescription();
    return why.startsWith("Unexpected internal error") ? "a trailing '\\' escapes nothing" : why;
  }
}
