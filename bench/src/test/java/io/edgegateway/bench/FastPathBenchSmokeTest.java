package io.edgegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench/fastpath.sh --seconds 1 --rounds 1} as an operator would (the launcher, the
 * Cyclone probe built from source, the ×10 simulator, a stalled queue.db, no broker) and checks
 * what it reports: every measurement took place, and no reliable control sample was lost. Never the
 * timings.
 */
class FastPathBenchSmokeTest {
  private static final Pattern LAST_LINE =
      Pattern.compile(
          "direct_p99_us=([0-9.]+) relay_p99_us=([0-9.]+) loaded_p99_us=([0-9.]+) lost=([0-9]+)"
              + " relay_ratio=([0-9.]+) loaded_ratio=([0-9.]+)");

  @TempDir Path dir;

  @Test
  void reportsAllFourMeasurementsAndLosesNoControlSample() throws Exception {
    Path script = Path.of("fastpath.sh").toAbsolutePath();
    Path output = dir.resolve("fastpath.out");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), "--seconds", "1", "--rounds", "1")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("EG_BENCH_DOMAIN_A", Integer.toString(domain(0)));
    builder.environment().put("EG_BENCH_DOMAIN_B", Integer.toString(domain(1)));
    Process process = builder.start();
    boolean exited = process.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(exited).as(text).isTrue();
    assertThat(process.exitValue()).as(text).isZero();

    List<String> lines = text.lines().toList();
    Matcher last = LAST_LINE.matcher(lines.get(lines.size() - 1));
    assertThat(last.matches()).as(text).isTrue();
    for (String measurement :
        List.of("direct: n=", "relay: n=", "loaded: n=", "loaded direct: n=")) {
      assertThat(lines).as(text).anySatisfy(l -> assertThat(l).startsWith(measurement));
    }
    assertThat(lines)
        .as(text)
        .noneSatisfy(l -> assertThat(l).matches("(direct|relay|loaded|loaded direct): n=0 .*"));
    for (int group = 1; group <= 3; group++) {
      assertThat(Double.parseDouble(last.group(group))).as(text).isPositive();
    }
    assertThat(Long.parseLong(last.group(4))).as("control samples lost; %s", text).isZero();
    assertThat(lines).as(text).anySatisfy(l -> assertThat(l).startsWith("round=1 direct_p99_us="));
    assertThat(text).contains("summary over 1 rounds", "relay counters: ", "outcome=\"ok\"");
  }

  private int domain(int index) {
    return DdsDomains.forTest(getClass(), index);
  }
}
