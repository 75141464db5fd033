package io.edgegateway.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.edgegateway.core.codec.proto.Lineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.cdr.CdrWriter;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports known samples of several topics into a file of many chunks and reads it back with the
 * independent TypeScript readers ({@code @mcap/core} indexed and streaming, Foxglove's CDR
 * decoder): every message decodes with the schema in the file to what was written.
 */
class Ros2ExportReadBackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageRegistry BUNDLED = MessageRegistry.bundled();
  private static final long T0 = 1_764_000_000_000_000_000L;
  private static final int N = 200;
  private static final int PER_BATCH = 20;
  private static final String STRING = "std_msgs/msg/String";
  private static final String POINT = "geometry_msgs/msg/PointStamped";
  private static final String UNKNOWN = "custom_msgs/msg/Unknown";
  private static NodeMcapReader reader;

  @TempDir Path dir;

  @BeforeAll
  static void installReader() throws Exception {
    reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
  }

  static long receive(int i) {
    return T0 + i * 1_000_000L;
  }

  static byte[] chatter(int i) {
    return new CdrWriter().string("hello " + i).toByteArray();
  }

  static byte[] point(int i) {
    return new CdrWriter()
        .header(100 + i, i * 3, "map")
        .float64(i)
        .float64(i * 0.5)
        .float64(-i)
        .toByteArray();
  }

  /** N samples each of /chatter (definition from the bundle), /point (carried), /mystery. */
  static List<TelemetryBatch> batches() {
    List<TelemetryBatch> out = new ArrayList<>();
    for (int k = 0; k < N / PER_BATCH; k++) {
      TelemetryBatch.Builder b =
          TelemetryBatch.newBuilder()
              .setRobotId("hx-1")
              .setGatewayInstanceId("gw-a")
              .setStream("telemetry")
              .setBatchSeq(k + 1)
              .setLineage(
                  Lineage.newBuilder()
                      .setFirmwareVersion("1.8.2")
                      .setModelVersion("policy-7")
                      .setRunId("run-42")
                      .putLabels("site", "plant-3"))
              .addTopics(TopicEntry.newBuilder().setId(1).setName("/chatter").setType(STRING))
              .addTopics(
                  TopicEntry.newBuilder()
                      .setId(2)
                      .setName("/point")
                      .setType(POINT)
                      .setDefinition(BUNDLED.fullDefinitionText(POINT)))
              .addTopics(TopicEntry.newBuilder().setId(3).setName("/mystery").setType(UNKNOWN));
      for (int i = k * PER_BATCH; i < (k + 1) * PER_BATCH; i++) {
        b.addRecords(record(1, i, receive(i), chatter(i)));
        b.addRecords(record(2, i, receive(i) + 500, point(i)));
        b.addRecords(record(3, i, receive(i) + 700, new byte[] {0, 1, 0, 0, 9}));
      }
      out.add(b.build());
    }
    return out;
  }

  private static Record record(int topic, int i, long receiveNs, byte[] payload) {
    return Record.newBuilder()
        .setTopicId(topic)
        .setSeq(i + 1)
        .setReceiveStampNs(receiveNs)
        .setSourceStampNs(receiveNs - 250_000)
        .setPayload(ByteString.copyFrom(payload))
        .build();
  }

  private Ros2Export.Result export(Path file, Ros2Export.Request request, int chunkBytes)
      throws Exception {
    Ros2Export export =
        new Ros2Export(
            BUNDLED::fullDefinitionTextOrEmpty,
            new McapWriter.Options("ros2", "edge-gateway test", chunkBytes, 3));
    try (OutputStream out = Files.newOutputStream(file);
        ListBatchSource source = new ListBatchSource(batches())) {
      return export.run(source, out, request, Ros2Export.Progress.NONE, () -> false);
    }
  }

  @Test
  void exportedFile_readsBackWithTheTypeScriptReaders_everyMessageDecodedAsWritten()
      throws Exception {
    Path file = dir.resolve("all.mcap");
    Ros2Export.Result result =
        export(file, Ros2Export.Request.all("inc-7", Map.of("source", "test")), 2048);

    assertThat(result.messages()).isEqualTo(2L * N);
    assertThat(result.messagesByTopic())
        .containsOnly(Map.entry("/chatter", (long) N), Map.entry("/point", (long) N));
    assertThat(result.skippedByType()).containsOnly(Map.entry(UNKNOWN, (long) N));
    assertThat(result.bytes()).isEqualTo(Files.size(file));

    JsonNode read = JSON.readTree(reader.read(file));
    assertThat(read.get("profile").asText()).isEqualTo("ros2");
    assertThat(read.get("library").asText()).isEqualTo("edge-gateway test");
    int chunks = read.get("chunkIndexes").asInt();
    assertThat(chunks).isGreaterThan(5);
    assertThat(read.get("chunkCompressions").toString()).isEqualTo("[\"zstd\"]");
    JsonNode stats = read.get("statistics");
    assertThat(stats.get("messageCount").asLong()).isEqualTo(2L * N);
    assertThat(stats.get("chunkCount").asInt()).isEqualTo(chunks);
    assertThat(stats.get("messageStartTime").asText()).isEqualTo(Long.toString(receive(0)));
    assertThat(stats.get("messageEndTime").asText()).isEqualTo(Long.toString(receive(N - 1) + 500));

    assertThat(read.get("schemas")).hasSize(2);
    for (JsonNode s : read.get("schemas")) {
      assertThat(s.get("encoding").asText()).isEqualTo("ros2msg");
      assertThat(s.get("data").asText())
          .isEqualTo(BUNDLED.fullDefinitionText(s.get("name").asText()));
    }
    String pointSchema = schemaText(read, POINT);
    assertThat(pointSchema)
        .contains("\nMSG: std_msgs/Header\n", "\nMSG: builtin_interfaces/Time\n");
    assertThat(pointSchema).doesNotContain("MSG: std_msgs/msg/Header");
    for (JsonNode c : read.get("channels")) {
      assertThat(c.get("messageEncoding").asText()).isEqualTo("cdr");
      assertThat(c.get("schemaEncoding").asText()).isEqualTo("ros2msg");
    }
    assertThat(JSON.convertValue(read.get("countsByTopic"), Map.class))
        .isEqualTo(Map.of("/chatter", N, "/point", N));

    List<JsonNode> chatter = new ArrayList<>();
    List<JsonNode> point = new ArrayList<>();
    for (JsonNode m : read.get("messages")) {
      (m.get("topic").asText().equals("/chatter") ? chatter : point).add(m);
    }
    for (int i = 0; i < N; i++) {
      JsonNode c = chatter.get(i);
      assertThat(c.get("sequence").asLong()).isEqualTo(i + 1);
      assertThat(c.get("logTime").asText()).isEqualTo(Long.toString(receive(i)));
      assertThat(c.get("publishTime").asText()).isEqualTo(Long.toString(receive(i) - 250_000));
      assertThat(c.get("message").get("data").asText()).isEqualTo("hello " + i);
      JsonNode p = point.get(i);
      assertThat(p.get("logTime").asText()).isEqualTo(Long.toString(receive(i) + 500));
      assertThat(JsonTrees.sameValues(p.get("message"), JSON.valueToTree(expectedPoint(i))))
          .as("point %d: %s", i, p.get("message"))
          .isTrue();
    }

    JsonNode window = read.get("window");
    long from = Long.parseLong(window.get("startTime").asText());
    long to = Long.parseLong(window.get("endTime").asText());
    long expectedInWindow = 0;
    for (int i = 0; i < N; i++) {
      expectedInWindow += (receive(i) >= from && receive(i) <= to) ? 1 : 0;
      expectedInWindow += (receive(i) + 500 >= from && receive(i) + 500 <= to) ? 1 : 0;
    }
    assertThat(window.get("count").asLong()).isEqualTo(expectedInWindow).isPositive();

    JsonNode records = read.get("stream").get("records");
    assertThat(read.get("stream").get("messages").asLong()).isEqualTo(2L * N);
    assertThat(records.path("Header").asInt()).as("%s", records).isEqualTo(1);
    // the streaming reader opens each chunk and returns the records inside it
    assertThat(records.has("Chunk")).as("%s", records).isFalse();
    assertThat(records.get("MessageIndex").asInt()).isGreaterThanOrEqualTo(chunks);
    assertThat(records.get("DataEnd").asInt()).isEqualTo(1);
    assertThat(records.get("Footer").asInt()).isEqualTo(1);
    assertThat(records.get("ChunkIndex").asInt()).isEqualTo(chunks);
    assertThat(records.get("Statistics").asInt()).isEqualTo(1);

    JsonNode dataCrc = read.get("dataSectionCrc");
    assertThat(dataCrc.get("stored").asLong())
        .isNotZero()
        .isEqualTo(dataCrc.get("computed").asLong());

    assertThat(read.get("metadataIndexes").toString()).isEqualTo("[\"edge-gateway\"]");
    JsonNode meta = read.get("metadata").get(0);
    assertThat(meta.get("name").asText()).isEqualTo("edge-gateway");
    assertThat(JSON.convertValue(meta.get("metadata"), Map.class))
        .containsEntry("robot_id", "hx-1")
        .containsEntry("gateway_instance_id", "gw-a")
        .containsEntry("stream", "telemetry")
        .containsEntry("firmware_version", "1.8.2")
        .containsEntry("model_version", "policy-7")
        .containsEntry("run_id", "run-42")
        .containsEntry("label.site", "plant-3")
        .containsEntry("incident_id", "inc-7")
        .containsEntry("source", "test");
  }

  @Test
  void timeRange_keepsOnlySamplesReceivedInsideIt() throws Exception {
    Path file = dir.resolve("range.mcap");
    Ros2Export.Result result =
        export(file, new Ros2Export.Request(receive(50), receive(59), null, Map.of()), 1 << 20);

    // /chatter 50..59 (10) and /point 50..58 (its stamps are 500 ns later, so 59 falls out)
    assertThat(result.messagesByTopic())
        .containsOnly(Map.entry("/chatter", 10L), Map.entry("/point", 9L));
    JsonNode read = JSON.readTree(reader.read(file));
    assertThat(read.get("statistics").get("messageCount").asLong()).isEqualTo(19);
    assertThat(read.get("chunkIndexes").asInt()).isEqualTo(1);
    assertThat(read.get("messages").get(0).get("message").get("data").asText())
        .isEqualTo("hello 50");
    assertThat(JSON.convertValue(read.get("metadata").get(0).get("metadata"), Map.class))
        .doesNotContainKey("incident_id");
  }

  @Test
  void sourceWithNothingInRange_stillWritesAValidEmptyFile() throws Exception {
    Path file = dir.resolve("empty.mcap");
    Ros2Export.Result result = export(file, new Ros2Export.Request(1, 2, null, Map.of()), 1 << 20);

    assertThat(result.messages()).isZero();
    JsonNode read = JSON.readTree(reader.read(file));
    assertThat(read.get("statistics").get("messageCount").asLong()).isZero();
    assertThat(read.get("chunkIndexes").asInt()).isZero();
    assertThat(read.get("stream").get("records").get("Footer").asInt()).isEqualTo(1);
  }

  private static String schemaText(JsonNode read, String name) {
    for (JsonNode s : read.get("schemas")) {
      if (s.get("name").asText().equals(name)) {
        return s.get("data").asText();
      }
    }
    throw new AssertionError("no schema " + name + " in " + read.get("schemas"));
  }

  private static Map<String, Object> expectedPoint(int i) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", 100 + i);
    stamp.put("nanosec", i * 3);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("stamp", stamp);
    header.put("frame_id", "map");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", (double) i);
    p.put("y", i * 0.5);
    p.put("z", (double) -i);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header);
    m.put("point", p);
    return m;
  }
}
