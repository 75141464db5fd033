package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench/e2e.sh --scenario humanoid-1 --seconds 5} end to end (daemon and simulator as
 * separate processes from the test class path, embedded broker, every ceiling) and checks the shape
 * of what it reports, never the timings.
 */
class E2eSmokeTest {
  @TempDir Path out;

  @Test
  void humanoid1RunEndsWithTheSummaryLineAndWritesItsResults() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    E2eOptions options =
        E2eOptions.parse(
            "--scenario", "humanoid-1",
            "--seconds", "5",
            "--daemon", "classpath",
            "--out", out.toString(),
            "--domain", Integer.toString(DdsDomains.forTest(getClass(), 0)));

    String line = new E2eBench(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(line).matches(SummaryReport.FINAL_LINE);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("ingest", "compress", "queue", "uplink", "ddsperf");
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(out.resolve("humanoid-1.properties"))) {
      p.load(r);
    }
    assertThat(p.getProperty("line")).isEqualTo(line);
    assertThat(Long.parseLong(p.getProperty("published"))).isPositive();
    assertThat(Files.size(out.resolve("e2e-humanoid-1.png"))).isPositive();
    assertThat(Files.readString(out.resolve("humanoid-1.csv"))).startsWith("t,received,");
  }

  @Test
  void rejectsAnUnknownScenarioNamingTheChoices() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> E2eOptions.parse("--scenario", "humanoid-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("humanoid-1, humanoid-1x10, max or many-topics");
  }
}
