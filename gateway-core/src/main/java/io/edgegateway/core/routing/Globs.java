package io.edgegateway.core.routing;

import java.util.regex.Pattern;

/**
 * Glob syntax for topic rules: {@code *} one segment, {@code **} many, {@code ?} one char. A glob
 * is matched as the regex {@link #toRegex} makes of it.
 */
final class Globs {
  private static final Pattern GLOB = Pattern.compile("/[A-Za-z0-9_/*?]*");

  private Globs() {}

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
}
