package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import io.edgegateway.uplink.ReceivedBatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign ROS 2 publisher (Cyclone DDS C) → the gateway → Kafka → {@code export --format mcap} →
 * the TypeScript MCAP readers and Foxglove's CDR decoder: every message of the four sensor topics
 * decodes, with the schema in the file, to exactly what the publisher sent (the values of {@code
 * cyclone/sensor_values.h}, as {@link ForeignSensorsEndToEndTest} expects them), with the receive
 * stamp as log time, the source stamp as publish time and the per-topic seq as sequence.
 */
@ExtendWith(SharedKafkaExtension.class)
class McapExportEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? (a.asDouble() == b.asDouble() ? 0 : 1) // -0.0 == 0.0: JSON prints -0 as 0
              : (a.equals(b) ? 0 : 1);
  private static final int N = 20;
  private static final String PREFIX = "/robot";
  private static final String ROBOT = "hx-mcap";

  @TempDir Path dir;

  private GatewayConfig config(int domain, String bootstrap, String kafkaTopic) {
    StringBuilder rules = new StringBuilder();
    String[][] topics = {
      {"/joint_states", "sensor_msgs/msg/JointState"},
      {"/wrench", "geometry_msgs/msg/WrenchStamped"},
      {"/image/compressed", "sensor_msgs/msg/CompressedImage"},
      {"/diagnostics", "diagnostic_msgs/msg/DiagnosticArray"},
    };
    for (String[] t : topics) {
      rules
          .append("    - match: ")
          .append(PREFIX)
          .append(t[0])
          .append("\n      type: ")
          .append(t[1])
          .append("\n      qos: {reliability: reliable, history: keep_all}\n")
          .append("      max_sample_bytes: 128KiB\n");
    }
    String yaml =
        "gateway:\n  robot_id: "
            + ROBOT
            + "\n  data_dir: "
            + dir.resolve("data")
            + "\n  lineage: {firmware_version: \"2.0.1\", model_version: policy-9, run_id: run-mcap}\n"
            + "ros2:\n  domain_id: "
            + domain
            + "\n  topics:\n"
            + rules
            + "buffer:\n  batch: {max_bytes: 256KiB, linger_ms: 100}\n"
            + GatewayFixture.uplinkYaml(bootstrap, kafkaTopic)
            + "http: {bind: 127.0.0.1:0}\n";
    return ConfigLoader.parse("mcap.yaml", yaml, n -> null).orElseThrow();
  }

  @Test
  void exportedMcap_decodesToWhatTheForeignPublisherSent(EmbeddedKafka kafka) throws Exception {
    NodeMcapReader reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.mcap.export";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    List<ReceivedBatch> batches;
    try (Gateway gateway =
            Gateway.start(
                config(domain, kafka.bootstrapServers(), kafkaTopic),
                Clock.system(),
                Duration.ofSeconds(10));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startSensors(domain, PREFIX, N, Duration.ofSeconds(40))) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("sensors exit code; stderr: %s", publisher.stderr())
          .isZero();
      batches =
          GatewayFixture.readUntil(
              kafka.bootstrapServers(), kafkaTopic, 4 * N, Duration.ofSeconds(60));
    }
    assertThat(GatewayFixture.totalRecords(batches)).isEqualTo(4 * N);

    Path out = dir.resolve("sensors.mcap");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    var cli = EdgeGatewayCli.commandLine();
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(stderr, true));
    int exit =
        cli.execute(
            "export",
            "--format",
            "mcap",
            "--out",
            out.toString(),
            "--bootstrap",
            kafka.bootstrapServers(),
            "--topic",
            kafkaTopic,
            "--robot",
            ROBOT,
            "--from",
            "-1h");
    assertThat(exit).as("export: %s %s", stdout, stderr).isZero();

    JsonNode read = JSON.readTree(reader.read(out));
    assertThat(read.get("profile").asText()).isEqualTo("ros2");
    assertThat(read.get("statistics").get("messageCount").asInt()).isEqualTo(4 * N);
    assertThat(read.get("stream").get("messages").asInt()).isEqualTo(4 * N);
    for (JsonNode s : read.get("schemas")) {
      assertThat(s.get("encoding").asText()).isEqualTo("ros2msg");
      if (!s.get("name").asText().equals("diagnostic_msgs/msg/DiagnosticArray")) {
        assertThat(s.get("data").asText()).contains("\nMSG: std_msgs/Header\n");
      }
      assertThat(s.get("data").asText()).doesNotContain("MSG: std_msgs/msg/");
    }
    JsonNode meta = read.get("metadata").get(0).get("metadata");
    assertThat(meta.get("robot_id").asText()).isEqualTo(ROBOT);
    assertThat(meta.get("firmware_version").asText()).isEqualTo("2.0.1");
    assertThat(meta.get("model_version").asText()).isEqualTo("policy-9");
    assertThat(meta.get("run_id").asText()).isEqualTo("run-mcap");

    assertTopic(read, batches, "/joint_states", ForeignSensorsEndToEndTest::jointState);
    assertTopic(read, batches, "/wrench", ForeignSensorsEndToEndTest::wrench);
    assertTopic(read, batches, "/image/compressed", ForeignSensorsEndToEndTest::image);
    assertTopic(read, batches, "/diagnostics", ForeignSensorsEndToEndTest::diagnostics);
  }

  private static void assertTopic(
      JsonNode read,
      List<ReceivedBatch> batches,
      String suffix,
      IntFunction<Map<String, Object>> expected) {
    String topic = PREFIX + suffix;
    List<Record> sent = GatewayFixture.recordsOf(batches, topic);
    List<JsonNode> got = new ArrayList<>();
    read.get("messages")
        .forEach(
            m -> {
              if (m.get("topic").asText().equals(topic)) {
                got.add(m);
              }
            });
    assertThat(got).as(topic).hasSize(N);
    assertThat(read.get("countsByTopic").get(topic).asInt()).isEqualTo(N);
    for (int i = 0; i < N; i++) {
      JsonNode m = got.get(i);
      Record r = sent.get(i);
      assertThat(m.get("logTime").asText()).isEqualTo(Long.toString(r.getReceiveStampNs()));
      assertThat(m.get("publishTime").asText()).isEqualTo(Long.toString(r.getSourceStampNs()));
      assertThat(m.get("sequence").asLong()).isEqualTo(r.getSeq());
      JsonNode want = JSON.valueToTree(expected.apply(i));
      assertThat(m.get("message").equals(NUMBERS_BY_VALUE, want))
          .as("%s sample %d: %s, expected %s", topic, i, m.get("message"), want)
          .isTrue();
    }
  }
}
