package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.edgegateway.core.codec.proto.Lineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.testkit.cdr.CdrWriter;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format mcap} against a real broker holding batches of two robots and one
 * incident: the range, robot and incident selections, read back with the TypeScript readers, and
 * the bad inputs (unknown incident, empty range, unreachable broker, bad times) with their exit
 * codes.
 */
@ExtendWith(SharedKafkaExtension.class)
class ExportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final long SECOND = 1_000_000_000L;
  private static NodeMcapReader reader;

  @TempDir Path dir;
  private final long t0 = (Instant.now().getEpochSecond() - 300) * SECOND;
  private String topic;
  private String bootstrap;

  @BeforeAll
  static void installReader() throws Exception {
    reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
  }

  @BeforeEach
  void produce(EmbeddedKafka kafka) throws Exception {
    bootstrap = kafka.bootstrapServers();
    topic = "export.cli." + TOPICS.incrementAndGet();
    kafka.createTopic(topic, 2, false);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int k = 0; k < 3; k++) {
        send(producer, "hx-a", null, chatter("hx-a", k + 1, k * 10, 10));
      }
      send(producer, "hx-b", null, chatter("hx-b", 1, 0, 10));
      send(producer, "hx-a", "inc-1", incident());
      producer.flush();
    }
  }

  private void send(
      KafkaProducer<byte[], byte[]> producer, String key, String incident, TelemetryBatch b)
      throws Exception {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(
            topic, key.getBytes(StandardCharsets.UTF_8), Zstd.compress(b.toByteArray(), 3));
    if (incident != null) {
      r.headers().add("eg-incident-id", incident.getBytes(StandardCharsets.UTF_8));
    }
    producer.send(r).get();
  }

  private static TelemetryBatch.Builder batch(String robot, long seq) {
    return TelemetryBatch.newBuilder()
        .setRobotId(robot)
        .setStream("telemetry")
        .setBatchSeq(seq)
        .setLineage(Lineage.newBuilder().setRunId("run-" + robot).setFirmwareVersion("1.8.2"));
  }

  private static Record record(int topicId, long seq, long receiveNs, byte[] payload) {
    return Record.newBuilder()
        .setTopicId(topicId)
        .setSeq(seq)
        .setReceiveStampNs(receiveNs)
        .setSourceStampNs(receiveNs - 1000)
        .setPayload(ByteString.copyFrom(payload))
        .build();
  }

  /** Samples {@code first..first+n-1} of /chatter, received one second apart from t0. */
  private TelemetryBatch chatter(String robot, long seq, int first, int n) {
    TelemetryBatch.Builder b =
        batch(robot, seq)
            .addTopics(
                TopicEntry.newBuilder()
                    .setId(1)
                    .setName("/chatter")
                    .setType("std_msgs/msg/String"));
    for (int i = first; i < first + n; i++) {
      b.addRecords(
          record(1, i, t0 + i * SECOND, new CdrWriter().string(robot + "-" + i).toByteArray()));
    }
    return b.build();
  }

  /** 5 samples of /fall and 3 of a type with no definition, 100 s after t0. */
  private TelemetryBatch incident() {
    TelemetryBatch.Builder b =
        batch("hx-a", 4)
            .addTopics(
                TopicEntry.newBuilder().setId(1).setName("/fall").setType("std_msgs/msg/String"))
            .addTopics(
                TopicEntry.newBuilder().setId(2).setName("/blob").setType("custom_msgs/msg/Blob"));
    for (int i = 0; i < 5; i++) {
      b.addRecords(
          record(1, i, t0 + (100 + i) * SECOND, new CdrWriter().string("fall " + i).toByteArray()));
    }
    for (int i = 0; i < 3; i++) {
      b.addRecords(record(2, i, t0 + (100 + i) * SECOND, new byte[] {0, 1, 0, 0, 7}));
    }
    return b.build();
  }

  private String iso(long ns) {
    return Instant.ofEpochSecond(0, ns).toString();
  }

  private List<String> data(JsonNode read) {
    List<String> out = new ArrayList<>();
    read.get("messages").forEach(m -> out.add(m.get("message").get("data").asText()));
    return out;
  }

  @Test
  void rangeOfOneRobot_writesItsSamplesInTheRange() throws Exception {
    Path out = dir.resolve("range.mcap");
    CliRun run =
        export(
            out, "--robot", "hx-a", "--from", iso(t0 + 5 * SECOND), "--to", iso(t0 + 14 * SECOND));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("10 messages on 1 topics");
    assertThat(run.err()).as("no progress line in a pipe").doesNotContain("ETA");
    assertThat(out.resolveSibling("range.mcap.part")).doesNotExist();
    JsonNode read = JSON.readTree(reader.read(out));
    List<String> expected = new ArrayList<>();
    for (int i = 5; i <= 14; i++) {
      expected.add("hx-a-" + i);
    }
    assertThat(data(read)).isEqualTo(expected);
    JsonNode first = read.get("messages").get(0);
    assertThat(first.get("logTime").asText()).isEqualTo(Long.toString(t0 + 5 * SECOND));
    assertThat(first.get("publishTime").asText()).isEqualTo(Long.toString(t0 + 5 * SECOND - 1000));
    assertThat(first.get("sequence").asInt()).isEqualTo(5);
    JsonNode meta = read.get("metadata").get(0).get("metadata");
    assertThat(meta.get("robot_id").asText()).isEqualTo("hx-a");
    assertThat(meta.get("run_id").asText()).isEqualTo("run-hx-a");
    assertThat(meta.get("source").asText()).isEqualTo("kafka:" + topic);
    assertThat(meta.has("incident_id")).isFalse();
  }

  @Test
  void rangeOfAllRobots_relativeFrom_includesBoth() throws Exception {
    Path out = dir.resolve("all.mcap");
    CliRun run = export(out, "--from", "-1h");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode read = JSON.readTree(reader.read(out));
    assertThat(read.get("countsByTopic").get("/chatter").asInt()).isEqualTo(40);
    assertThat(read.get("countsByTopic").get("/fall").asInt()).isEqualTo(5);
    assertThat(read.get("metadata").get(0).get("metadata").get("robot_id").asText())
        .isEqualTo("hx-a,hx-b");
  }

  @Test
  void incident_writesOnlyItsRecords_andCountsSamplesWithoutADefinition() throws Exception {
    Path out = dir.resolve("inc.mcap");
    CliRun run = export(out, "--incident", "inc-1");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("skipped 3 samples of custom_msgs/msg/Blob: no message definition");
    assertThat(run.out()).contains("5 messages on 1 topics", "3 samples skipped");
    JsonNode read = JSON.readTree(reader.read(out));
    assertThat(data(read)).containsExactly("fall 0", "fall 1", "fall 2", "fall 3", "fall 4");
    assertThat(read.get("metadata").get(0).get("metadata").get("incident_id").asText())
        .isEqualTo("inc-1");
  }

  @Test
  void unknownIncident_exits2WithNoFile() {
    Path out = dir.resolve("none.mcap");
    CliRun run = export(out, "--incident", "no-such-incident");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nothing to export: no records of incident no-such-incident");
    assertThat(out).doesNotExist();
    assertThat(out.resolveSibling("none.mcap.part")).doesNotExist();
  }

  @Test
  void emptyRange_exits2WithNoFile() {
    Path out = dir.resolve("empty.mcap");
    CliRun run = export(out, "--from", "-1m");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nothing to export: no samples between -1m and now");
    assertThat(out).doesNotExist();
  }

  @Test
  void unreachableBroker_exits1WithinTheTimeout() {
    Path out = dir.resolve("down.mcap");
    CliRun run =
        CliRun.of(
            "export",
            "--format",
            "mcap",
            "--out",
            out.toString(),
            "--bootstrap",
            "127.0.0.1:1",
            "--topic",
            topic,
            "--from",
            "-10m",
            "--timeout",
            "2s");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no answer from the Kafka brokers at 127.0.0.1:1 within 2 s");
    assertThat(out).doesNotExist();
  }

  @Test
  void missingTopic_exits1_andDoesNotCreateIt() {
    Path out = dir.resolve("typo.mcap");
    CliRun run =
        CliRun.of(
            "export",
            "--format",
            "mcap",
            "--out",
            out.toString(),
            "--bootstrap",
            bootstrap,
            "--topic",
            topic + ".typo",
            "--from",
            "-10m");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("topic " + topic + ".typo does not exist");
    assertThat(out).doesNotExist();
  }

  @Test
  void badInput_exits2() {
    String out = dir.resolve("bad.mcap").toString();
    String[][] cases = {
      {"--from", "yesterday"},
      {"--from", "-10m", "--to", "-20m"},
      {"--to", "-1m"},
      {},
      {"--format", "bag", "--from", "-1m"},
    };
    for (String[] c : cases) {
      List<String> args =
          new ArrayList<>(
              List.of("export", "--out", out, "--bootstrap", bootstrap, "--topic", topic));
      if (!List.of(c).contains("--format")) {
        args.addAll(List.of("--format", "mcap"));
      }
      args.addAll(List.of(c));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exit()).as("%s: %s", List.of(c), run.err()).isEqualTo(2);
      assertThat(Path.of(out)).doesNotExist();
    }
  }

  /**
   * {@code export --format mcap --out out --bootstrap <the test broker> --topic <topic> more...}.
   */
  private CliRun export(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--format",
                "mcap",
                "--out",
                out.toString(),
                "--bootstrap",
                bootstrap,
                "--topic",
                topic));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }
}
