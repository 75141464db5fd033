package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.sim.HumanoidProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench/e2e.sh --scenario many-topics --seconds 12} end to end (daemon, simulator and
 * the raw subscriber alongside as separate processes) and checks what it reports and that every one
 * of the 250 topics reached the gateway, never the timings.
 */
class ManyTopicsSmokeTest {
  @TempDir Path out;

  @Test
  void everyOneOfThe250TopicsReachesTheGatewayAndTheRunEndsWithTheSummaryLine() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    E2eOptions options =
        E2eOptions.parse(
            "--scenario", "many-topics",
            "--seconds", "12",
            "--daemon", "classpath",
            "--out", out.toString(),
            "--domain", Integer.toString(DdsDomains.forTest(getClass(), 0)));

    String line = new E2eBench(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(line)
        .matches(SummaryReport.FINAL_LINE)
        .startsWith("scenario=many-topics ")
        .containsPattern(" cpu_pct=\\d+\\.\\d ")
        .containsPattern(" rss_mb=\\d+ ")
        .containsPattern(" cpu_ratio_vs_raw=\\d+\\.\\d\\d")
        .containsPattern(" dds_lost=\\d+ ");
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(out.resolve("many-topics.properties"))) {
      p.load(r);
    }
    assertThat(p.getProperty("line")).isEqualTo(line);
    assertThat(Long.parseLong(p.getProperty("published"))).isPositive();
    assertThat(Double.parseDouble(p.getProperty("raw_live_msgs_s"))).isPositive();
    Map<String, Double> received =
        PromText.parse(Files.readString(out.resolve("many-topics.metrics.txt")))
            .sumBy("gateway_bus_messages_received_total", "topic");
    HumanoidProfile profile = HumanoidProfile.manyTopics();
    assertThat(received.keySet()).containsAll(profile.topicNames());
    for (String topic : profile.topicNames()) {
      assertThat(received.get(topic)).as(topic).isPositive();
    }
  }
}
