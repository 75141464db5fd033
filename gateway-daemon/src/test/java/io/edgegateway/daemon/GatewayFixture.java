package io.edgegateway.daemon;

import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared set-up for the daemon's end-to-end tests: config text, the Cyclone peer, reading back. */
final class GatewayFixture {
  static final String STRING_TOPIC = "/chatter";
  static final String IMU_TOPIC = "/imu/torso";
  private static CyclonePeer peer;

  private GatewayFixture() {}

  /** The Cyclone DDS C programs, compiled once per JVM. */
  static synchronized CyclonePeer cyclone() throws IOException {
    if (peer == null) {
      peer = CyclonePeer.build(Path.of("target", "cyclone-peer").toAbsolutePath());
    }
    return peer;
  }

  /** A gateway config for a String and an Imu topic on {@code domain}, via the real loader. */
  static GatewayConfig config(
      String robotId, Path dataDir, int domain, String bootstrap, String kafkaTopic) {
    String yaml =
        "gateway:\n"
            + "  robot_id: "
            + robotId
            + "\n"
            + "  data_dir: "
            + dataDir
            + "\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - match: "
            + STRING_TOPIC
            + "\n"
            + "      type: std_msgs/msg/String\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "    - match: "
            + IMU_TOPIC
            + "\n"
            + "      type: sensor_msgs/msg/Imu\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "buffer:\n"
            + "  batch: {max_bytes: 16KiB, linger_ms: 100}\n"
            + uplinkYaml(bootstrap, kafkaTopic)
            + "http:\n"
            + "  bind: 127.0.0.1:0\n";
    return ConfigLoader.parse("test.yaml", yaml, name -> null).orElseThrow();
  }

  /** The {@code uplink} section of a test config: one telemetry stream and its checkpoint topic. */
  static String uplinkYaml(String bootstrap, String kafkaTopic) {
    return "uplink:\n"
        + "  kafka: {bootstrap_servers: '"
        + bootstrap
        + "'}\n"
        + "  streams:\n"
        + "    telemetry: {topic: "
        + kafkaTopic
        + "}\n"
        + "  checkpoint_topic: "
        + checkpointTopic(kafkaTopic)
        + "\n";
  }

  /** The checkpoint topic {@link #config} uses next to {@code kafkaTopic}. */
  static String checkpointTopic(String kafkaTopic) {
    return kafkaTopic + ".checkpoints";
  }

  /** Creates {@code kafkaTopic} and its compacted checkpoint topic. */
  static void createTopics(EmbeddedKafka kafka, String kafkaTopic) {
    kafka.createTopic(kafkaTopic, 1, false);
    kafka.createTopic(checkpointTopic(kafkaTopic), 1, true);
  }

  /** Reads every committed batch of {@code topic} until {@code expectedRecords} arrived. */
  static List<ReceivedBatch> readUntil(
      String bootstrap, String topic, int expectedRecords, Duration timeout) {
    List<ReceivedBatch> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (BatchReader reader =
        BatchReader.create(bootstrap, topic, BatchReader.StartPosition.EARLIEST, Map.of())) {
      int records = 0;
      while (records < expectedRecords && System.nanoTime() < deadline) {
        for (ReceivedBatch b : reader.poll(Duration.ofMillis(500))) {
          all.add(b);
          records += b.batch().getRecordsCount();
        }
      }
      // One more poll: anything beyond the expected count would be a duplicate.
      all.addAll(reader.poll(Duration.ofSeconds(1)));
    }
    return all;
  }

  /** Every record of {@code topicName} across the batches, in Kafka order. */
  static List<Record> recordsOf(List<ReceivedBatch> batches, String topicName) {
    List<Record> out = new ArrayList<>();
    for (ReceivedBatch rb : batches) {
      TelemetryBatch b = rb.batch();
      for (Record r : b.getRecordsList()) {
        if (b.getTopics(r.getTopicId() - 1).getName().equals(topicName)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  static byte[] expectedString(int i) {
    return RosSamples.cycloneString(i);
  }

  static byte[] expectedImu(int i) {
    return RosSamples.cycloneImu(i);
  }

  static int totalRecords(List<ReceivedBatch> batches) {
    return batches.stream().mapToInt(b -> b.batch().getRecordsCount()).sum();
  }
}
