package io.edgegateway.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key a misspelt key was probably meant to be. */
final class Suggestions {
  /** Largest edit distance still offered as a suggestion. */
  static final int MAX_DISTANCE = 2;

  /**
   * Shortest misspelt key that is matched as a prefix ({@code max_rate} for {@code max_rate_hz}).
   */
  static final int MIN_PREFIX = 4;

  private Suggestions() {}

  /**
   * The candidate equal to {@code name} ignoring case; else the closest candidate within {@link
   * #MAX_DISTANCE} edits (the first of equally close ones); else the first candidate that starts
   * with {@code name} or is a prefix of it, for names of at least {@link #MIN_PREFIX} characters.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    for (String candidate : candidates) {
      if (candidate.equalsIgnoreCase(name)) {
        return Optional.of(candidate);
      }
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : candidates) {
      int d = distance(name, candidate, bestDistance);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null && name.length() >= MIN_PREFIX) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (String candidate : candidates) {
        if (candidate.startsWith(lower) || lower.startsWith(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance of {@code a} and {@code b}, or {@code limit} once it reaches it. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }
}
