package io.edgegateway.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser and formatter for durations in config files: {@code 200ms}, {@code 30s}, {@code 5m},
 * {@code 72h}, {@code 1d}.
 *
 * <p>A duration is a whole number followed by one unit (case-insensitive): {@code ms}, {@code s},
 * {@code m} (minutes), {@code h} or {@code d} (24 hours). A bare number is rejected because its
 * unit would be a guess.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*([A-Za-z]*)");
  private static final String EXPECTED = "expected a duration like 200ms, 30s, 5m, 72h or 1d";

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message that quotes {@code text} and says what is
   *     expected
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    ChronoUnit chronoUnit;
    switch (unit) {
      case "ms":
        chronoUnit = ChronoUnit.MILLIS;
        break;
      case "s":
        chronoUnit = ChronoUnit.SECONDS;
        break;
      case "m":
        chronoUnit = ChronoUnit.MINUTES;
        break;
      case "h":
        chronoUnit = ChronoUnit.HOURS;
        break;
      case "d":
        chronoUnit = ChronoUnit.DAYS;
        break;
      case "":
        throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (missing unit)");
      default:
        throw new IllegalArgumentException(
            "unknown duration unit '"
                + m.group(2)
                + "' in '"
                + text
                + "' (expected one of: ms, s, m, h, d)");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
      return Duration.of(amount, chronoUnit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("duration '" + text + "' is too large");
    }
  }

  /**
   * Formats a duration in the largest unit that divides it exactly: 72 hours is {@code 3d}, 90
   * seconds is {@code 90s}, 1500 ms is {@code 1500ms}. Sub-millisecond parts are dropped.
   */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms != 0) {
      long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
      String[] names = {"d", "h", "m", "s"};
      for (int i = 0; i < sizes.length; i++) {
        if (ms % sizes[i] == 0) {
          return ms / sizes[i] + names[i];
        }
      }
    }
    return ms + "ms";
  }
}
