package io.edgegateway.core.routing;

import java.util.regex.Pattern;

/**
 * Matches topic names against a glob: {@code *} one segment, {@code **} many, {@code ?} one char.
 */
final class GlobMatcher implements TopicMatcher {
  private static final Pattern GLOB = Pattern.compile("/[A-Za-z0-9_/*?]*");

  private final String glob;
  private final Pattern pattern;

  GlobMatcher(String glob) {
    if (!isGlob(glob)) {
      throw new IllegalArgumentException("glob : " + glob + " (expected: /name/*/name)");
    }
    this.glob = glob;
    this.pattern = Pattern.compile(toRegex(glob));
  }

  static boolean isGlob(String text) {
    return GLOB.matcher(text).matches() && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
  }

  /** Translates a glob to an equivalent regex; the glob alphabet needs no quoting. */
  static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder(glob.length() + 16);
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("/**/", i)) {
        regex.append("(?:/.*)?/");
        i += 4;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (c == '*') {
        regex.append("[^/]*");
        i++;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(c);
        i++;
      }
    }
    return regex.toString();
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
    return o instanceof GlobMatcher other && other.glob.equals(glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  @Override
  public String toString() {
    return glob;
  }
}
