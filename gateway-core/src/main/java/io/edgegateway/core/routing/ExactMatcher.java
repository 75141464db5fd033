package io.edgegateway.core.routing;

import java.util.regex.Pattern;

/** Matches one topic name. */
record ExactMatcher(String topic) implements TopicMatcher {
  private static final Pattern NAME = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_]*)+");

  static boolean isTopicName(String text) {
    return NAME.matcher(text).matches();
  }

  @Override
  public boolean matches(String candidate) {
    return topic.equals(candidate);
  }

  @Override
  public boolean isExact() {
    return true;
  }

  @Override
  public String toString() {
    return topic;
  }
}
