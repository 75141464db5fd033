package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.daemon.systemd.NotifyListener;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-gateway run} as systemd runs it: a child JVM with {@code NOTIFY_SOCKET} and {@code
 * WATCHDOG_USEC} pointing at a datagram socket the test bound, the real broker, and the simulated
 * humanoid-1 publishing on DDS. The daemon says READY=1 once up, pings the watchdog every half
 * interval, reports its numbers in STATUS=, and on SIGTERM mid-stream says STOPPING=1 and exits 0
 * with every sample it accepted either in Kafka (read_committed) or still in its queue; a restart
 * delivers the rest. A SIGTERM during the start stops the daemon as soon as the start returns.
 */
@ExtendWith(SharedKafkaExtension.class)
class SystemdRunEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STREAMS = List.of("telemetry", "perception", "diagnostics");
  private static final Duration WATCHDOG = Duration.ofSeconds(10);
  private static final Pattern INGEST = Pattern.compile("^ingest (\\d+)/s, queue [0-9.]+ MiB");

  @TempDir Path dir;

  @Test
  void runUnderSystemd_notifiesAndOnSigtermMidStreamExitsZeroWithNothingAcceptedLost(
      EmbeddedKafka kafka) throws Exception {
    String prefix = "e2e.sigterm";
    for (String s : STREAMS) {
      kafka.createTopic(prefix + "." + s, 1, false);
    }
    kafka.createTopic(prefix + ".checkpoints", 1, true);
    int domain = DdsDomains.forTest(getClass(), 0);
    Path data = dir.resolve("data");
    String yaml = BrokerOutageScenario.yaml(data, domain, kafka.bootstrapServers(), prefix);
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, yaml);
    Path log = dir.resolve("daemon.log");

    Process daemon;
    try (NotifyListener systemd = NotifyListener.bind(dir.resolve("notify").toString());
        SimulatorProcess sim = SimulatorProcess.start(domain, 0.2, 10, dir)) {
      daemon = startRun(config, log, systemd);
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> !systemd.with("READY=1").isEmpty() || !daemon.isAlive());
        assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", Files.readString(log)).isTrue();
        // mid-stream: the status shows samples coming in, and the watchdog pings twice
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> systemd.statuses().stream().anyMatch(s -> ingestRate(s) > 0));
        await().atMost(Duration.ofSeconds(60)).until(() -> systemd.with("WATCHDOG=1").size() >= 2);
        List<NotifyListener.Message> pings = systemd.with("WATCHDOG=1");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(pings.get(1).atNanos() - pings.get(0).atNanos());
        assertThat(gapMs)
            .as("watchdog ping interval (WATCHDOG_USEC/2 = 5 s)")
            .isBetween(3000L, 7000L);
        assertThat(systemd.statuses())
            .allSatisfy(
                s ->
                    assertThat(s)
                        .matches(
                            "ingest \\d+/s, queue [0-9.]+ MiB \\(\\d+ batches\\), uplink \\w+|stopping"));

        daemon.destroy(); // SIGTERM, the simulator still publishing
        assertThat(daemon.waitFor(40, TimeUnit.SECONDS))
            .as("daemon exits within 40 s of SIGTERM; log:\n%s", Files.readString(log))
            .isTrue();
      } finally {
        daemon.destroyForcibly();
      }
      assertThat(daemon.exitValue()).as("exit code; log:\n%s", Files.readString(log)).isZero();
      await().until(() -> !systemd.with("STOPPING=1").isEmpty());
      List<NotifyListener.Message> all = systemd.messages();
      assertThat(all.get(all.size() - 1).text()).startsWith("STOPPING=1");
      assertThat(all.get(0).text()).startsWith("READY=1");
    }
    String output = Files.readString(log);
    assertThat(output)
        .as("console at the default level: WARN and above")
        .doesNotContain(" INFO  [");

    // every accepted sample was sealed; sealed = uploaded + still queued; Kafka has the uploaded
    JsonNode ledger = offlineLedger(config);
    Map<String, Long> uploaded = new HashMap<>();
    Map<String, Long> sealed = new HashMap<>();
    long inQueue = 0;
    long accepted = 0;
    for (JsonNode l : ledger) {
      String what = l.toString();
      assertThat(l.get("lost_before_commit").asLong()).as(what).isZero();
      assertThat(l.get("intake_dropped").asLong()).as(what).isZero();
      assertThat(l.get("in_flight").asLong()).as(what).isZero();
      l.get("evicted").forEach(n -> assertThat(n.asLong()).as(what).isZero());
      assertThat(l.get("accepted").asLong())
          .as(what)
          .isEqualTo(l.get("sampled_out").asLong() + l.get("sealed").asLong());
      assertThat(l.get("sealed").asLong())
          .as(what)
          .isEqualTo(l.get("uploaded").asLong() + l.get("in_queue").asLong());
      String stream = l.get("stream").asText();
      uploaded.merge(stream, l.get("uploaded").asLong(), Long::sum);
      sealed.merge(stream, l.get("sealed").asLong(), Long::sum);
      inQueue += l.get("in_queue").asLong();
      accepted += l.get("accepted").asLong();
    }
    assertThat(accepted).as("samples accepted before SIGTERM").isGreaterThan(100);
    for (String s : STREAMS) {
      assertThat(kafkaRecords(kafka, prefix + "." + s, uploaded.getOrDefault(s, 0L)))
          .as("records of stream %s in Kafka", s)
          .isEqualTo(uploaded.getOrDefault(s, 0L));
    }
    if (inQueue > 0) {
      // what the drain left queued goes out with the next start
      GatewayConfig cfg = ConfigLoader.parse("gateway.yaml", yaml, name -> null).orElseThrow();
      try (Gateway restarted = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.queueStats().batches() == 0);
      }
      for (String s : STREAMS) {
        assertThat(kafkaRecords(kafka, prefix + "." + s, sealed.getOrDefault(s, 0L)))
            .as("records of stream %s in Kafka after the restart", s)
            .isEqualTo(sealed.getOrDefault(s, 0L));
      }
    }
  }

  @Test
  void sigtermWhileStarting_stopsInOrderOnceStartedAndExitsZero_verboseShowsInfo(
      EmbeddedKafka kafka) throws Exception {
    String prefix = "e2e.sigterm.start";
    int domain = DdsDomains.forTest(getClass(), 1);
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        BrokerOutageScenario.yaml(dir.resolve("data"), domain, kafka.bootstrapServers(), prefix));
    Path log = dir.resolve("daemon.log");
    try (NotifyListener systemd = NotifyListener.bind(dir.resolve("notify").toString())) {
      Process daemon = startRun(config, log, systemd, "--verbose");
      try {
        // the subscriptions stage: discovery, fast path and HTTP are still to come
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> Files.readString(log).contains("Subscribed to") || !daemon.isAlive());
        daemon.destroy();
        assertThat(daemon.waitFor(40, TimeUnit.SECONDS))
            .as("exits within 40 s; log:\n%s", Files.readString(log))
            .isTrue();
      } finally {
        daemon.destroyForcibly();
      }
      assertThat(daemon.exitValue()).as("exit code; log:\n%s", Files.readString(log)).isZero();
      String output = Files.readString(log);
      assertThat(output).contains(" INFO  [").contains("edge-gateway stopped");
      assertThat(systemd.with("READY=1")).hasSize(1);
      List<NotifyListener.Message> all = systemd.messages();
      assertThat(all.get(all.size() - 1).text()).startsWith("STOPPING=1");
    }
  }

  private Process startRun(Path config, Path log, NotifyListener systemd, String... options)
      throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-Duser.home=" + dir,
            "-cp",
            System.getProperty("java.class.path"),
            EdgeGatewayCli.class.getName(),
            "run",
            "--config",
            config.toString()));
    command.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().remove("EG_LOG_LEVEL");
    pb.environment().put("NOTIFY_SOCKET", systemd.address());
    pb.environment().put("WATCHDOG_USEC", Long.toString(WATCHDOG.toNanos() / 1000));
    return pb.start();
  }

  private static long ingestRate(String status) {
    Matcher m = INGEST.matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static long kafkaRecords(EmbeddedKafka kafka, String topic, long expected) {
    return GatewayFixture.totalRecords(
        GatewayFixture.readUntil(
            kafka.bootstrapServers(), topic, (int) expected, Duration.ofSeconds(30)));
  }

  private static JsonNode offlineLedger(Path config) throws Exception {
    StringWriter out = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute("queue", "stats", "--config", config.toString(), "--json")).isZero();
    return JSON.readTree(out.toString()).get("ledger");
  }
}
