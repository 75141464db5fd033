package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.Durations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses the time options of {@code export}: an ISO-8601 instant with an offset ({@code
 * 2026-12-03T12:00:00Z}, {@code 2026-12-03T13:00:00+01:00}), {@code now}, or a time relative to now
 * such as {@code -10m} (durations as in the config file).
 */
final class ExportTimes {
  private ExportTimes() {}

  /** Nanoseconds since the epoch. */
  static long parseNs(CommandSpec spec, String option, String text, Instant now) {
    String t = text.trim();
    Instant instant;
    try {
      if (t.equals("now")) {
        instant = now;
      } else if (t.startsWith("-")) {
        instant = now.minus(Durations.parse(t.substring(1)));
      } else {
        instant = OffsetDateTime.parse(t).toInstant();
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option
              + ": \""
              + text
              + "\" (expected: an ISO-8601 time such as 2026-12-03T12:00:00Z, now, or a time"
              + " before now such as -10m)");
    }
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
