package io.edgegateway.daemon.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option of {@code run} and {@code demo}: the console shows WARN and above
 * unless it is given (then INFO). {@code EG_LOG_LEVEL}, if set, wins over both (logback.xml reads
 * it).
 */
final class ConsoleLogging {
  @Option(
      names = "--verbose",
      description = "Log INFO lines too (default: WARN and above; EG_LOG_LEVEL overrides both)")
  boolean verbose;

  /**
   * Sets the root log level for this command; closing the result restores the level before (for a
   * command run in a JVM that goes on, such as a test's).
   */
  Restore apply() {
    String configured = System.getenv("EG_LOG_LEVEL");
    if ((configured == null || configured.isBlank())
        && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
            instanceof ch.qos.logback.classic.Logger root) {
      Level before = root.getLevel();
      root.setLevel(verbose ? Level.INFO : Level.WARN);
      return () -> root.setLevel(before);
    }
    return () -> {};
  }

  /** Restores the log level {@link #apply} changed. */
  interface Restore extends AutoCloseable {
    @Override
    void close();
  }
}
