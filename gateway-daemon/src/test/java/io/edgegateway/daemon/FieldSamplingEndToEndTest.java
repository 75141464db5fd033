package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.cdr.CdrWriter;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DDS publisher sends JointState samples with known values; the gateway keeps only those whose
 * {@code position[3]} changed beyond the deadband (plus one it cannot read), Kafka holds exactly
 * those, and {@code /metrics} exports the chosen fields of the latest sample.
 */
@ExtendWith(SharedKafkaExtension.class)
class FieldSamplingEndToEndTest {
  private static final String TOPIC = "/joint_states";
  private static final RosTypeName TYPE = RosTypeName.parse("sensor_msgs/msg/JointState");
  private static final CdrDecoder DECODER = new CdrDecoder(MessageRegistry.bundled());

  @TempDir Path dir;

  /** A JointState of {@code joints} joints: position[3] = p, effort[3] = e, stamp sec = sec. */
  private static byte[] jointState(int joints, int sec, double p, double e) {
    CdrWriter w = new CdrWriter();
    w.header(sec, 0, "base");
    w.sequenceLength(joints);
    for (int i = 0; i < joints; i++) {
      w.string("j" + i);
    }
    double[] position = new double[joints];
    double[] effort = new double[joints];
    for (int i = 0; i < joints; i++) {
      position[i] = i == 3 ? p : i;
      effort[i] = i == 3 ? e : -i;
    }
    return w.float64s(position).float64s(new double[joints]).float64s(effort).toByteArray();
  }

  private GatewayConfig config(int domain, String bootstrap, String kafkaTopic) {
    String yaml =
        "gateway: {robot_id: hx-fields, data_dir: "
            + dir.resolve("data")
            + "}\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - match: "
            + TOPIC
            + "\n"
            + "      type: "
            + TYPE
            + "\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "      sample: {on_change: {field: \"position[3]\", deadband: 0.01}}\n"
            + "buffer:\n"
            + "  batch: {max_bytes: 16KiB, linger_ms: 50}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + bootstrap
            + "'}\n"
            + "  streams: {telemetry: {topic: "
            + kafkaTopic
            + "}}\n"
            + "  checkpoint_topic: "
            + GatewayFixture.checkpointTopic(kafkaTopic)
            + "\n"
            + "http: {bind: 127.0.0.1:0}\n"
            + "metrics:\n"
            + "  - {topic: /joint_states, field: \"effort[3]\", name: knee_effort}\n"
            + "  - {topic: /joint_states, field: header.stamp.sec, name: joint_stamp_sec}\n";
    return ConfigLoader.parse("fields.yaml", yaml, n -> null)
        .checkFields(CdrFieldCatalog.of(MessageRegistry.bundled()))
        .orElseThrow();
  }

  @Test
  void keepsOnlyChangedSamplesAndExportsFieldGauges(EmbeddedKafka kafka) throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.fields.telemetry";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    GatewayConfig cfg = config(domain, kafka.bootstrapServers(), kafkaTopic);
    Qos reliable =
        new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 10);
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        FastDdsBus robot = FastDdsBus.join(domain, "fields_robot");
        BusPublisher publisher =
            robot.publisher(new SubscriptionSpec(TOPIC, TYPE, reliable, 64 * 1024))) {
      // Until discovery matched, samples may be lost: repeat one value until it arrives. Only the
      // first that arrives is kept; the repeats are unchanged.
      byte[] warmUp = jointState(29, 100, 0.0, 1.0);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                publisher.publish(warmUp, warmUp.length);
                return received(gateway) > 0;
              });
      double[] sent = {0.0, 0.005, 0.02, 0.025, Double.NaN, 0.5, 0.5, 0.495, -1.0};
      int sec = 200;
      for (double p : sent) {
        byte[] sample =
            Double.isNaN(p)
                ? jointState(2, sec++, 0, 0) // position[3] past the end: kept and counted
                : jointState(29, sec++, p, 40 + sec);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }

      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(kafka.bootstrapServers(), kafkaTopic, 5, Duration.ofSeconds(30));
      List<Record> records = GatewayFixture.recordsOf(batches, TOPIC);
      // The last sample sent is kept, so every sample (in order, reliable) has been received.
      long warmUps = (long) received(gateway) - sent.length;
      assertThat(records).hasSize(5);
      List<Object> keptPositions = new ArrayList<>();
      for (Record r : records) {
        Map<String, Object> msg = DECODER.decode(TYPE.toString(), r.getPayload().toByteArray());
        List<?> position = (List<?>) msg.get("position");
        keptPositions.add(position.size() > 3 ? position.get(3) : "short");
      }
      assertThat(keptPositions).containsExactly(0.0, 0.02, "short", 0.5, -1.0);
      // seq is assigned before sampling: the dropped samples show as gaps.
      assertThat(records.get(1).getSeq()).isEqualTo(warmUps + 3);

      String metrics = Http.get(gateway.httpPort(), "/metrics").body();
      long dropped = warmUps - 1 + sent.length - 4; // kept: the first warm-up and 4 sent
      assertThat(metrics)
          .contains(
              "gateway_sampler_dropped_total{reason=\"on_change\",topic=\"/joint_states\"} "
                  + dropped
                  + ".0")
          .contains(
              "gateway_undecodable_fields_total{field=\"position[3]\",topic=\"/joint_states\","
                  + "use=\"on_change\"} 1.0")
          .contains(
              "gateway_field_knee_effort{field=\"effort[3]\",topic=\"/joint_states\"} "
                  + (40.0 + sec))
          .contains(
              "gateway_field_joint_stamp_sec{field=\"header.stamp.sec\",topic=\"/joint_states\"} "
                  + (sec - 1)
                  + ".0");
    }
  }

  private static double received(Gateway gateway) {
    var c = gateway.registry().find("gateway.bus.messages.received").tag("topic", TOPIC).counter();
    return c == null ? 0 : c.count();
  }
}
