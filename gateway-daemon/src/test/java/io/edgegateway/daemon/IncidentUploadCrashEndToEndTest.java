package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.IncidentManifest;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.Kcat;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process SIGKILLed while it queues an incident for upload (some of its batches in the
 * durable queue, some already committed to Kafka, the incident still {@code sealed} in {@code
 * incidents.db}): the next start continues after what was queued, and Kafka ends up with every
 * sample of the window exactly once and one manifest.
 */
@ExtendWith(SharedKafkaExtension.class)
class IncidentUploadCrashEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** {@code {incident batches waiting, mark complete (-1 when no mark)}} read from queue.db. */
  private static long[] queueState(Path queueDb) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + queueDb + "?mode=ro");
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 1000");
      long waiting;
      try (ResultSet r =
          st.executeQuery("SELECT COUNT(*) FROM batch_headers WHERE name = 'eg-incident-id'")) {
        waiting = r.next() ? r.getLong(1) : 0;
      }
      long complete = -1;
      try (ResultSet r = st.executeQuery("SELECT complete, batches FROM append_marks")) {
        if (r.next()) {
          complete = r.getLong(1);
        }
      }
      return new long[] {waiting, complete};
    } catch (java.sql.SQLException e) {
      return new long[] {0, -1}; // not created yet
    }
  }

  @Test
  void aKillWhileAnIncidentIsQueuedLosesAndDuplicatesNothing(EmbeddedKafka kafka) throws Exception {
    int n = 20_000;
    int m = 2_000;
    int domain = DdsDomains.forTest(getClass(), 0);
    String prefix = "e2e.incup.crash";
    kafka.createTopic(prefix + ".telemetry", 1, false);
    kafka.createTopic(prefix + ".incidents", 1, false);
    kafka.createTopic(prefix + ".checkpoints", 1, true);
    kafka.createTopic(prefix + ".audit", 1, false);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("data");
    String yaml =
        "gateway: {robot_id: hx-incup-crash, data_dir: "
            + data
            + "}\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - {match: "
            + STRING_TOPIC
            + ", type: std_msgs/msg/String, qos: {reliability: reliable, history: keep_all},"
            + " sample: {max_rate_hz: 1}}\n"
            + "    - {match: "
            + IMU_TOPIC
            + ", type: sensor_msgs/msg/Imu, qos: {reliability: reliable, history: keep_all},"
            + " sample: {max_rate_hz: 1}}\n"
            + "buffer:\n"
            + "  batch: {max_bytes: 1KiB, linger_ms: 100}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + kafka.bootstrapServers()
            + "'}\n"
            + "  streams:\n"
            + "    telemetry: {topic: "
            + prefix
            + ".telemetry}\n"
            + "    incidents: {topic: "
            + prefix
            + ".incidents}\n"
            + "  checkpoint_topic: "
            + prefix
            + ".checkpoints\n"
            + "audit: {topic: "
            + prefix
            + ".audit}\n"
            + "http:\n"
            + "  bind: 127.0.0.1:"
            + port
            + "\n"
            + "capture:\n"
            + "  ring: {max_bytes: 256MiB, max_age: 120s}\n";
    Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process daemon =
        new ProcessBuilder(
                java.toString(),
                "-Xmx384m",
                "-Duser.home=" + Files.createDirectories(dir.resolve("home")),
                "-cp",
                System.getProperty("java.class.path"),
                "io.edgegateway.daemon.cli.EdgeGatewayCli",
                "run",
                "--config",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("daemon.log").toFile())
            .start();
    String id;
    long[] atKill;
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> Http.getFresh(port, "/healthz").statusCode() == 200);
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, m)) {
        assertThat(publisher.waitFor(Duration.ofSeconds(120)))
            .as("publisher; stderr: %s", publisher.stderr())
            .isZero();
      }
      var res =
          Http.postJson(port, "/v1/captures", "{\"reason\":\"kill\",\"pre_s\":100,\"post_s\":0}");
      assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
      id = JSON.readTree(res.body()).path("id").asText();
      Path queueDb = data.resolve("queue.db");
      atKill =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(5))
              .until(() -> queueState(queueDb), s -> s[0] > 0 || s[1] == 1);
    } finally {
      daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
      assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(atKill[1]).as("killed before the manifest was queued").isNotEqualTo(1);

    GatewayConfig cfg = ConfigLoader.parse(file.toString(), yaml, name -> null).orElseThrow();
    try (Gateway again = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      JsonNode uploaded =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () -> CaptureEndToEndTest.getFreshJson(port, "/v1/captures/" + id),
                  i -> i.path("state").asText().equals("uploaded"));
      assertThat(uploaded.path("counts").path(STRING_TOPIC).asLong()).isEqualTo(n);
    }
    List<Kcat.Record> records = Kcat.records(kafka.bootstrapServers(), prefix + ".incidents");
    List<Kcat.Record> manifests =
        records.stream().filter(r -> r.headers().containsKey("eg-record")).toList();
    assertThat(manifests).hasSize(1);
    List<Envelope> samples =
        IncidentUploadEndToEndTest.decode(
            records.stream().filter(r -> !r.headers().containsKey("eg-record")).toList());
    assertThat(samples.stream().filter(e -> e.topic().equals(STRING_TOPIC)).map(Envelope::seq))
        .as("every /chatter sample once, across the kill")
        .isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());
    assertThat(samples.stream().filter(e -> e.topic().equals(IMU_TOPIC)).count()).isEqualTo(m);
    IncidentManifest manifest = IncidentManifest.parse(manifests.get(0).value());
    assertThat(manifest.counts()).isEqualTo(Map.of(STRING_TOPIC, (long) n, IMU_TOPIC, (long) m));
    assertThat(manifest.sha256()).isEqualTo(IncidentUploadEndToEndTest.sha256(samples));
    assertThat(records.get(records.size() - 1).headers()).containsKey("eg-record");
  }
}
