package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Parses duration options such as {@code 30s} with the config file's syntax. */
final class CliDurations {
  private CliDurations() {}

  static Duration parse(CommandSpec spec, String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
