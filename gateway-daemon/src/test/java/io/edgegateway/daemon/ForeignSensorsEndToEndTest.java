package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign ROS 2 peer (Cyclone DDS C, built from IDL by the test) publishes JointState with 29
 * joints, WrenchStamped, a 60 KB CompressedImage and a DiagnosticArray of nested key-value
 * sequences; through the gateway and Kafka, every record decodes (with the definitions the batch
 * carries, as {@code tail --json} does, and with the bundled ones) to exactly what was sent. The
 * expected values mirror {@code cyclone/sensor_values.h}.
 */
@ExtendWith(SharedKafkaExtension.class)
class ForeignSensorsEndToEndTest {
  private static final int N = 20;
  private static final String PREFIX = "/robot";
  private static final int JOINTS = 29;
  private static final int IMAGE_BYTES = 60_000;
  private static final CdrDecoder BUNDLED = new CdrDecoder(MessageRegistry.bundled());

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
        "gateway: {robot_id: hx-sensors, data_dir: "
            + dir.resolve("data")
            + "}\n"
            + "ros2:\n  domain_id: "
            + domain
            + "\n  topics:\n"
            + rules
            + "buffer:\n  batch: {max_bytes: 256KiB, linger_ms: 100}\n"
            + "uplink:\n  kafka: {bootstrap_servers: '"
            + bootstrap
            + "'}\n  streams: {telemetry: {topic: "
            + kafkaTopic
            + "}}\n  checkpoint_topic: "
            + GatewayFixture.checkpointTopic(kafkaTopic)
            + "\nhttp: {bind: 127.0.0.1:0}\n";
    return ConfigLoader.parse("sensors.yaml", yaml, n -> null).orElseThrow();
  }

  @Test
  void decodedForeignSensorSamplesEqualWhatThePublisherSent(EmbeddedKafka kafka) throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.foreign.sensors";
    GatewayFixture.createTopics(kafka, kafkaTopic);
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
      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(
              kafka.bootstrapServers(), kafkaTopic, 4 * N, Duration.ofSeconds(60));
      assertThat(GatewayFixture.totalRecords(batches)).isEqualTo(4 * N);

      assertTopic(batches, "/joint_states", ForeignSensorsEndToEndTest::jointState);
      assertTopic(batches, "/wrench", ForeignSensorsEndToEndTest::wrench);
      assertTopic(batches, "/image/compressed", ForeignSensorsEndToEndTest::image);
      assertTopic(batches, "/diagnostics", ForeignSensorsEndToEndTest::diagnostics);
    }
  }

  private static void assertTopic(
      List<ReceivedBatch> batches, String suffix, IntFunction<Map<String, Object>> expected)
      throws Exception {
    String topic = PREFIX + suffix;
    List<Map<String, Object>> carried = new ArrayList<>();
    List<Map<String, Object>> bundled = new ArrayList<>();
    for (ReceivedBatch rb : batches) {
      TelemetryBatch b = rb.batch();
      for (Record r : b.getRecordsList()) {
        TopicEntry entry = b.getTopics(r.getTopicId() - 1);
        if (!entry.getName().equals(topic)) {
          continue;
        }
        byte[] payload = r.getPayload().toByteArray();
        CdrDecoder fromBatch =
            new CdrDecoder(
                MessageRegistry.fromFullDefinition(entry.getType(), entry.getDefinition()));
        carried.add(normalized(fromBatch.decode(entry.getType(), payload)));
        bundled.add(normalized(BUNDLED.decode(entry.getType(), payload)));
      }
    }
    assertThat(carried).as(topic).hasSize(N);
    for (int i = 0; i < N; i++) {
      assertThat(carried.get(i)).as("%s sample %d", topic, i).isEqualTo(expected.apply(i));
      assertThat(bundled.get(i)).as("%s sample %d (bundled)", topic, i).isEqualTo(carried.get(i));
    }
  }

  /** The value tree with {@code byte[]} as hex text, so trees compare with equals. */
  @SuppressWarnings("unchecked")
  private static <T> T normalized(T value) {
    if (value instanceof byte[] b) {
      return (T) HexFormat.of().formatHex(b);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, normalized(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(normalized(v)));
      return (T) out;
    }
    return value;
  }

  private static Map<String, Object> header(int sec, long nanosec, String frameId) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", sec);
    stamp.put("nanosec", nanosec);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("stamp", stamp);
    header.put("frame_id", frameId);
    return header;
  }

  private static Map<String, Object> vector(double x, double y, double z) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("x", x);
    v.put("y", y);
    v.put("z", z);
    return v;
  }

  static Map<String, Object> jointState(int i) {
    List<Object> names = new ArrayList<>();
    List<Object> position = new ArrayList<>();
    List<Object> velocity = new ArrayList<>();
    List<Object> effort = new ArrayList<>();
    for (int j = 0; j < JOINTS; j++) {
      names.add("joint_" + j);
      position.add(i + j / 100.0);
      velocity.add(-(i + j / 100.0));
      effort.add(j * 0.5 + i);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(1000 + i, i * 7L, "base_link"));
    m.put("name", names);
    m.put("position", position);
    m.put("velocity", velocity);
    m.put("effort", effort);
    return m;
  }

  static Map<String, Object> wrench(int i) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("force", vector(i, i + 0.5, -i));
    w.put("torque", vector(i * 0.25, -0.125, 3.0));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(2000 + i, i, "ft_left"));
    m.put("wrench", w);
    return m;
  }

  static Map<String, Object> image(int i) {
    byte[] data = new byte[IMAGE_BYTES];
    for (int k = 0; k < IMAGE_BYTES; k++) {
      data[k] = (byte) ((k * 31 + i) & 0xff);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(3000 + i, 0, "camera_head"));
    m.put("format", "jpeg");
    m.put("data", HexFormat.of().formatHex(data));
    return m;
  }

  static Map<String, Object> diagnostics(int i) {
    List<Object> statuses = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<Object> values = new ArrayList<>();
      for (int v = 0; v <= s; v++) {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("key", "k" + v);
        kv.put("value", "v" + i + "_" + s + "_" + v);
        values.add(kv);
      }
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("level", s);
      st.put("name", "comp_" + s);
      st.put("message", "msg " + i + " " + s);
      st.put("hardware_id", "hw" + s);
      st.put("values", values);
      statuses.add(st);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(4000 + i, 0, ""));
    m.put("status", statuses);
    return m;
  }
}
