package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules in deploy/prometheus are checked and unit-tested by the real {@code promtool}
 * (Debian's prometheus package, installed by .ci/run): {@code check rules} for syntax and
 * templates, {@code test rules} for the firing and non-firing cases in alerts.test.yml.
 */
class AlertRulesPromtoolTest {
  static final Path RULES_DIR = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

  @Test
  void promtoolAcceptsTheAlertRules() throws Exception {
    Result r = promtool("check", "rules", "alerts.yml");
    assertThat(r.exit()).as("promtool check rules:\n%s", r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
    Result r = promtool("test", "rules", "alerts.test.yml");
    assertThat(r.exit()).as("promtool test rules:\n%s", r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @TempDir Path dir;

  private Result promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "promtool", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(RULES_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String output) {}
}
