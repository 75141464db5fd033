package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.ledger;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.CycloneProcess;
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
import java.util.stream.LongStream;

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

  /**
   * Publishes {@code strings} {@code std_msgs/String} samples on {@link #STRING_TOPIC} and {@code
   * imus} IMU samples on {@link #IMU_TOPIC} from the Cyclone DDS peer, and waits until it is done.
   */
  static void publishStringsAndImus(int domain, int strings, int imus, Duration timeout)
      throws Exception {
    try (CycloneProcess publisher =
        cyclone().startPublisher(domain, STRING_TOPIC, strings, IMU_TOPIC, imus)) {
      assertThat(publisher.waitFor(timeout)).as("stderr: %s", publisher.stderr()).isZero();
    }
  }

  /**
   * Every sample the gateway accepted on {@link #STRING_TOPIC} and {@link #IMU_TOPIC} is uploaded
   * (its ledger says so) and in {@code kafkaTopic} exactly once, in seq order; {@code total}
   * records across both topics.
   */
  static void assertEveryAcceptedSampleOnce(
      Gateway gateway, String bootstrap, String kafkaTopic, int total, Duration timeout)
      throws Exception {
    List<String> topics = List.of(STRING_TOPIC, IMU_TOPIC);
    await()
        .atMost(timeout)
        .untilAsserted(
            () -> {
              for (String topic : topics) {
                JsonNode line = ledger(status(gateway.httpPort()), topic);
                assertThat(line).isNotNull();
                assertThat(line.get("uploaded").asLong()).isEqualTo(line.get("accepted").asLong());
              }
            });
    List<ReceivedBatch> batches = readUntil(bootstrap, kafkaTopic, total, timeout);
    for (String topic : topics) {
      long accepted = ledger(status(gateway.httpPort()), topic).get("accepted").asLong();
      assertThat(recordsOf(batches, topic).stream().map(Record::getSeq).toList())
          .as(topic)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, accepted).boxed().toList());
    }
    assertThat(totalRecords(batches)).isEqualTo(total);
  }
}
