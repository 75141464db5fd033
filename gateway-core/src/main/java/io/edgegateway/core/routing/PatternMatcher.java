package io.edgegateway.core.routing;

import java.util.regex.Pattern;

/**
 * Matches topic names that a regular expression (written as such, or made from a glob) matches in
 * full.
 */
final class PatternMatcher implements TopicMatcher {
  private final String text;
  private final Pattern pattern;

  PatternMatcher(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  @Override
  public boolean matches(String topic) {
    return pattern.matcher(topic).matches();
  }

  @Override
  public boolean isExact() {
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PatternMatcher other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
