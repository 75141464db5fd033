package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.ros2.msg.CdrDecodeException;
import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.Kcat;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign ROS 2 peer (a Cyclone DDS C publisher built from IDL) publishes on real ROS 2 wire
 * names; the gateway (Fast-DDS) carries the samples through SQLite into a real Kafka broker; the
 * test reads them back with a read_committed consumer and counts the records with kcat.
 */
@ExtendWith(SharedKafkaExtension.class)
class ForeignPeerEndToEndTest {
  private static final int N = 300;
  private static final int M = 200;

  @TempDir Path dir;

  @Test
  void deliversEveryForeignSampleOnceWithByteIdenticalPayloads(EmbeddedKafka kafka)
      throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.foreign.telemetry";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    GatewayConfig cfg =
        GatewayFixture.config(
            "hx-e2e", dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic);

    long startNs = System.currentTimeMillis() * 1_000_000L;
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, N, IMU_TOPIC, M)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(
              kafka.bootstrapServers(), kafkaTopic, N + M, Duration.ofSeconds(60));

      assertThat(GatewayFixture.totalRecords(batches)).isEqualTo(N + M);
      List<Record> strings = GatewayFixture.recordsOf(batches, STRING_TOPIC);
      List<Record> imus = GatewayFixture.recordsOf(batches, IMU_TOPIC);
      assertThat(strings).hasSize(N);
      assertThat(imus).hasSize(M);
      for (int i = 0; i < N; i++) {
        Record r = strings.get(i);
        assertThat(r.getSeq()).as("seq of string %d", i).isEqualTo(i + 1);
        assertThat(r.getPayload().toByteArray())
            .as("payload %d", i)
            .isEqualTo(GatewayFixture.expectedString(i));
        assertThat(r.getSourceStampNs()).isGreaterThan(startNs - 60_000_000_000L);
        assertThat(r.getReceiveStampNs())
            .isGreaterThanOrEqualTo(r.getSourceStampNs() - 1_000_000_000L);
      }
      for (int i = 0; i < M; i++) {
        Record r = imus.get(i);
        assertThat(r.getSeq()).isEqualTo(i + 1);
        assertThat(r.getPayload().toByteArray())
            .as("imu %d", i)
            .isEqualTo(GatewayFixture.expectedImu(i));
        assertThat(r.getSourceStampNs()).isPositive();
        assertThat(r.getReceiveStampNs()).isPositive();
      }
      for (ReceivedBatch b : batches) {
        TelemetryBatch batch = b.batch();
        assertThat(b.key()).isEqualTo("hx-e2e");
        assertThat(batch.getTopicsList())
            .allSatisfy(
                t -> assertThat(t.getType()).isIn("std_msgs/msg/String", "sensor_msgs/msg/Imu"));
        assertRecordsDecodeWithTheCarriedDefinitions(batch);
        assertThat(b.headers())
            .containsEntry("eg-batch-id", "hx-e2e/telemetry/" + batch.getBatchSeq())
            .containsEntry("eg-encoding", "zstd")
            .containsEntry("eg-schema", "edgegateway.v1.TelemetryBatch")
            .containsEntry("eg-records", Integer.toString(batch.getRecordsCount()));
      }
      assertThat(batches).extracting(b -> b.batch().getBatchSeq()).doesNotHaveDuplicates();
      assertThat(Kcat.lines(kafka.bootstrapServers(), kafkaTopic, "%o\\n").size())
          .isEqualTo(batches.size());
      assertOperatorEndpoints(gateway);
      assertTailPrintsEveryMessage(kafka.bootstrapServers(), kafkaTopic);
    }
  }

  /** A consumer without the robot decodes every record from the batch's topic table alone. */
  private static void assertRecordsDecodeWithTheCarriedDefinitions(TelemetryBatch batch)
      throws CdrDecodeException {
    for (Record r : batch.getRecordsList()) {
      TopicEntry topic = batch.getTopics(r.getTopicId() - 1);
      assertThat(topic.getDefinition()).isNotEmpty();
      CdrDecoder decoder =
          new CdrDecoder(
              MessageRegistry.fromFullDefinition(topic.getType(), topic.getDefinition()));
      Map<String, Object> value = decoder.decode(topic.getType(), r.getPayload().toByteArray());
      if (topic.getType().equals("sensor_msgs/msg/Imu")) {
        assertThat(((Map<?, ?>) value.get("header")).get("frame_id")).isEqualTo("imu_link");
      } else {
        assertThat((String) value.get("data")).startsWith("hello ");
      }
    }
  }

  private static void assertTailPrintsEveryMessage(String bootstrap, String topic) {
    java.io.StringWriter out = new java.io.StringWriter();
    var cl = io.edgegateway.daemon.cli.EdgeGatewayCli.commandLine();
    cl.setOut(new java.io.PrintWriter(out, true));
    int exit =
        cl.execute(
            "tail",
            "--bootstrap",
            bootstrap,
            "--topic",
            topic,
            "--from-beginning",
            "--max",
            Integer.toString(N + M),
            "--json");
    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(N + M);
    assertThat(lines.get(0))
        .startsWith("{\"robot_id\":\"hx-e2e\",\"stream\":\"telemetry\",\"batch_seq\":1,")
        .contains("\"seq\":1");
    assertThat(lines)
        .filteredOn(l -> l.contains("\"topic\":\"" + IMU_TOPIC + "\""))
        .hasSize(M)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains("\"type\":\"sensor_msgs/msg/Imu\"")
                    .containsPattern(
                        "\"clock\":\\{\"source\":\"[a-z-]+\",\"synchronized\":(true|false),"
                            + "\"max_error_ns\":\\d+,\"estimated_error_ns\":\\d+,\"jumps\":0,")
                    .contains("\"message\":{\"header\":{\"stamp\":{\"sec\":")
                    .contains("\"frame_id\":\"imu_link\"}"));
    assertThat(lines)
        .filteredOn(l -> l.contains("\"topic\":\"" + STRING_TOPIC + "\""))
        .hasSize(N)
        .allSatisfy(
            l -> assertThat(l).containsPattern("\"message\":\\{\"data\":\"hello [0-9]+\"}"));

    java.io.StringWriter plain = new java.io.StringWriter();
    var cl2 = io.edgegateway.daemon.cli.EdgeGatewayCli.commandLine();
    cl2.setOut(new java.io.PrintWriter(plain, true));
    assertThat(
            cl2.execute(
                "tail",
                "--bootstrap",
                bootstrap,
                "--topic",
                topic,
                "--from-beginning",
                "--max",
                "3"))
        .isZero();
    assertThat(plain.toString().lines().toList())
        .hasSize(3)
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "/\\S+ \\S+/msg/\\S+ src=\\d+ recv=\\d+ seq=\\d+ bytes=\\d+ batch=hx-e2e/telemetry/\\d+"));
  }

  private static void assertOperatorEndpoints(Gateway gateway) throws Exception {
    int port = gateway.httpPort();
    var metrics = Http.get(port, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("gateway_bus_messages_received_total{topic=\"" + STRING_TOPIC + "\"} " + N + ".0")
        .contains("gateway_bus_messages_received_total{topic=\"" + IMU_TOPIC + "\"} " + M + ".0")
        .contains("gateway_uplink_batches_total{outcome=\"ok\",stream=\"telemetry\"}")
        .contains("gateway_uplink_bytes_total{stream=\"telemetry\"}")
        .contains("gateway_queue_batches ")
        .contains("gateway_queue_bytes ")
        .contains("gateway_queue_oldest_age_seconds ")
        .contains("gateway_uplink_lag_seconds{stream=\"telemetry\"}")
        .contains("gateway_codec_compression_ratio{stream=\"telemetry\"}")
        .doesNotContain("NaN");
    assertThat(Http.get(port, "/healthz").statusCode()).isEqualTo(200);
    var ready = Http.get(port, "/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    var status = Http.get(port, "/v1/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body())
        .contains("\"robot_id\" : \"hx-e2e\"")
        .contains("\"state\" : \"connected\"");
    assertThat(Http.get(port, "/nope").statusCode()).isEqualTo(404);
  }
}
