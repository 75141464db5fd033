package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code run} and {@code demo} log WARN and above by default, INFO with {@code --verbose}. */
class ConsoleLoggingTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void noOverride() {
    assumeTrue(System.getenv("EG_LOG_LEVEL") == null, "EG_LOG_LEVEL is set: it wins, by design");
  }

  private static ConsoleLogging parsed(Object command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command instanceof RunCommand r ? r.logging : ((DemoCommand) command).logging;
  }

  @Test
  void run_logsWarnAndAboveByDefault_andRestoresTheLevelAfter() {
    Level before = root.getLevel();
    try (ConsoleLogging.Restore r = parsed(new RunCommand(), "--config", "x.yaml").apply()) {
      assertThat(root.getLevel()).isEqualTo(Level.WARN);
    }
    assertThat(root.getLevel()).isEqualTo(before);
  }

  @Test
  void verbose_restoresInfo_forRunAndDemo() {
    try (ConsoleLogging.Restore r =
        parsed(new RunCommand(), "--verbose", "--config", "x.yaml").apply()) {
      assertThat(root.getLevel()).isEqualTo(Level.INFO);
    }
    try (ConsoleLogging.Restore r = parsed(new DemoCommand(), "--verbose").apply()) {
      assertThat(root.getLevel()).isEqualTo(Level.INFO);
    }
    try (ConsoleLogging.Restore r = parsed(new DemoCommand()).apply()) {
      assertThat(root.getLevel()).isEqualTo(Level.WARN);
    }
  }

  @Test
  void verboseIsInTheUsageOfRunAndDemo() {
    for (Object command : new Object[] {new RunCommand(), new DemoCommand()}) {
      assertThat(new CommandLine(command).getUsageMessage())
          .contains("--verbose")
          .contains("default: WARN and above");
    }
  }
}
