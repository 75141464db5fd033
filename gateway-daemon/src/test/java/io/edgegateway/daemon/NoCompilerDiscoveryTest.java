package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic discovery as on a robot with the package installed: the daemon and {@code topics} run in
 * child JVMs with no C compiler on {@code PATH} ({@link CompilerFreeJvm}) and the prebuilt {@code
 * eg-discover}. A pattern rule {@code match: /ft/*} must discover a Cyclone DDS publisher's topic,
 * subscribe it and carry its samples to Kafka.
 */
@ExtendWith(SharedKafkaExtension.class)
class NoCompilerDiscoveryTest {
  private static final int N = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Path CHILD_HOME = Path.of("target", "child-home").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void patternRuleDiscoversSubscribesAndUploadsWithNoCompilerOnPath(EmbeddedKafka kafka)
      throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.nocompiler.telemetry";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    String topic = "/ft" + DdsDomains.uniqueTopic("left_wrist");
    int port = freePort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config, config(dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic, port));
    Path log = dir.resolve("daemon.log");

    Process daemon =
        CompilerFreeJvm.command(CHILD_HOME, log, "run", "--config", config.toString()).start();
    try {
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .failFast("daemon exited: " + CompilerFreeJvm.output(log), () -> !daemon.isAlive())
          .until(() -> status(port).path("bus").path("discovery").asText().equals("running"));

      // The publisher writes only after a reader matched: the subscription discovery made.
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, topic, N, "/unused", 0, TIMEOUT)) {
        assertThat(publisher.waitFor(TIMEOUT))
            .as("publisher exit code; stderr: %s; daemon: %s", publisher.stderr(), log)
            .isZero();
      }
      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(kafka.bootstrapServers(), kafkaTopic, N, TIMEOUT);
      assertThat(GatewayFixture.recordsOf(batches, topic))
          .as("records of %s; daemon output: %s", topic, CompilerFreeJvm.output(log))
          .hasSize(N)
          .extracting(r -> r.getPayload().toByteArray())
          .containsExactlyElementsOf(
              IntStream.range(0, N).mapToObj(GatewayFixture::expectedString).toList());
      assertThat(batches)
          .flatExtracting(b -> b.batch().getTopicsList())
          .filteredOn(t -> t.getName().equals(topic))
          .allSatisfy(t -> assertThat(t.getType()).isEqualTo(RosSamples.STRING_TYPE));
      assertThat(CompilerFreeJvm.output(log))
          .doesNotContain("gcc")
          .doesNotContain("discovery unavailable");
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  @Test
  void topicsCommandListsTheBusWithNoCompilerOnPath() throws Exception {
    int domain = DdsDomains.forTest(getClass(), 1);
    String topic = "/ft" + DdsDomains.uniqueTopic("imu");
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nocompiler-ticker");
              t.setDaemon(true);
              return t;
            });
    try (FastDdsBus bus = FastDdsBus.join(domain, "nocompiler_publisher");
        BusPublisher publisher =
            bus.publisher(
                new SubscriptionSpec(
                    topic, RosTypeName.parse(RosSamples.IMU_TYPE), Qos.telemetryDefault(), 1024))) {
      AtomicInteger i = new AtomicInteger();
      ticker.scheduleAtFixedRate(
          () -> {
            byte[] sample = RosSamples.cycloneImu(i.getAndIncrement());
            publisher.publish(sample, sample.length);
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      Path log = dir.resolve("topics.log");
      Process topics =
          CompilerFreeJvm.command(
                  CHILD_HOME,
                  log,
                  "topics",
                  "--domain",
                  Integer.toString(domain),
                  "--seconds",
                  "3",
                  "--json")
              .start();
      assertThat(topics.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      String out = CompilerFreeJvm.output(log);
      assertThat(topics.exitValue()).as(out).isZero();
      JsonNode line =
          out.lines()
              .filter(l -> l.startsWith("{"))
              .map(NoCompilerDiscoveryTest::parse)
              .filter(n -> n.path("name").asText().equals(topic))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no line for " + topic + " in " + out));
      assertThat(line.get("type").asText()).isEqualTo(RosSamples.IMU_TYPE);
      assertThat(line.get("publishers").asInt()).isEqualTo(1);
      assertThat(line.get("samples").asLong()).isPositive();
    } finally {
      ticker.shutdownNow();
    }
  }

  private static String config(
      Path dataDir, int domain, String bootstrap, String kafkaTopic, int httpPort) {
    return "gateway: {robot_id: hx-nocc, data_dir: '"
        + dataDir
        + "'}\n"
        + "ros2:\n"
        + "  domain_id: "
        + domain
        + "\n"
        + "  topics:\n"
        + "    - match: /ft/*\n"
        + "      qos: {reliability: reliable, history: keep_all}\n"
        + "buffer:\n"
        + "  batch: {max_bytes: 16KiB, linger_ms: 100}\n"
        + GatewayFixture.uplinkYaml(bootstrap, kafkaTopic)
        + "http:\n"
        + "  bind: 127.0.0.1:"
        + httpPort
        + "\n";
  }

  private static JsonNode status(int port) throws IOException, InterruptedException {
    return JSON.readTree(Http.get(port, "/v1/status").body());
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
