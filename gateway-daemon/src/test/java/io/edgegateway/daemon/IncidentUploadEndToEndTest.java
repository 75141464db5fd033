package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.capture.IncidentManifest;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.Kcat;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The priority upload of incidents end to end: a foreign Cyclone DDS publisher, a trigger, the
 * incident through {@code sealed → uploading → uploaded}, read back from {@code
 * uplink.streams.incidents} with kcat (every sample of the window once, the manifest last and
 * matching, its checksum recomputed here) and exported from Kafka to MCAP; and an incident sealed
 * while the broker is down overtaking the backlog built meanwhile.
 */
@ExtendWith(SharedKafkaExtension.class)
class IncidentUploadEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String yaml(
      Path dataDir, int domain, String bootstrap, String prefix, String chatterSample) {
    return "gateway: {robot_id: hx-incup, data_dir: "
        + dataDir
        + "}\n"
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
        + "      sample: "
        + chatterSample
        + "\n"
        + "    - match: "
        + IMU_TOPIC
        + "\n"
        + "      type: sensor_msgs/msg/Imu\n"
        + "      qos: {reliability: reliable, history: keep_all}\n"
        + "buffer:\n"
        + "  batch: {max_bytes: 4KiB, linger_ms: 50}\n"
        + "uplink:\n"
        + "  kafka: {bootstrap_servers: '"
        + bootstrap
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
        + "  bind: 127.0.0.1:0\n"
        + "capture:\n"
        + "  ring: {max_bytes: 64MiB, max_age: 60s}\n"
        + "  triggers:\n"
        + "    - {name: hello150, topic: "
        + STRING_TOPIC
        + ", when: 'data matches \"^hello 150$\"', pre: 40s, post: 2s}\n";
  }

  private static void createTopics(EmbeddedKafka kafka, String prefix) {
    kafka.createTopic(prefix + ".telemetry", 1, false);
    kafka.createTopic(prefix + ".incidents", 1, false);
    kafka.createTopic(prefix + ".checkpoints", 1, true);
    kafka.createTopic(prefix + ".audit", 1, false);
  }

  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse("incup.yaml", yaml, name -> null).orElseThrow();
  }

  private static JsonNode incident(int port) throws Exception {
    return JSON.readTree(Http.getFresh(port, "/v1/captures").body()).path("incidents").path(0);
  }

  static List<Envelope> decode(List<Kcat.Record> batches) throws Exception {
    List<Envelope> out = new ArrayList<>();
    for (Kcat.Record r : batches) {
      TelemetryBatch b = BatchCodec.decode(r.value());
      Map<Integer, TopicEntry> topics = new HashMap<>();
      b.getTopicsList().forEach(t -> topics.put(t.getId(), t));
      for (Record rec : b.getRecordsList()) {
        TopicEntry t = topics.get(rec.getTopicId());
        out.add(
            new Envelope(
                t.getName(),
                t.getType(),
                rec.getSourceStampNs(),
                rec.getReceiveStampNs(),
                rec.getSeq(),
                rec.getPayload().toByteArray()));
      }
    }
    return out;
  }

  /** The checksum of docs/capture.md, computed here from the records as read from Kafka. */
  static String sha256(List<Envelope> samples) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Envelope e : samples) {
        byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
        out.writeInt(topic.length);
        out.write(topic);
        out.writeLong(e.receiveStampNs());
        out.writeLong(e.sourceStampNs());
        out.writeInt(e.payload().length);
        out.write(e.payload());
      }
    }
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }

  private static List<Long> seqs(List<Envelope> samples, String topic) {
    return samples.stream().filter(e -> e.topic().equals(topic)).map(Envelope::seq).toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void aTriggeredIncidentIsUploadedOnceWithAMatchingManifestAndExportsFromKafka(EmbeddedKafka kafka)
      throws Exception {
    int n = 1500;
    int m = 400;
    int domain = DdsDomains.forTest(getClass(), 0);
    String prefix = "e2e.incup.upload";
    createTopics(kafka, prefix);
    Path data = dir.resolve("data");
    String text = yaml(data, domain, kafka.bootstrapServers(), prefix, "{max_rate_hz: 5}");
    GatewayConfig cfg = parse(text);
    String id;
    List<Envelope> kept = new ArrayList<>();
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, m)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      int port = gateway.httpPort();
      JsonNode uploaded =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> incident(port), i -> i.path("state").asText().equals("uploaded"));
      id = uploaded.path("id").asText();
      assertThat(uploaded.path("counts").path(STRING_TOPIC).asLong()).isEqualTo(n);
      assertThat(uploaded.path("counts").path(IMU_TOPIC).asLong()).isEqualTo(m);
      try (IncidentStore.SampleCursor c = gateway.capture().orElseThrow().store().samples(id)) {
        c.forEachRemaining(kept::add);
      }
      JsonNode status = JSON.readTree(Http.getFresh(port, "/v1/status").body());
      assertLedgerKeepsIncidentSamplesApart(status, n, m);
    }

    // kcat: the incident's batches, each with eg-incident-id, then the manifest
    List<Kcat.Record> records = Kcat.records(kafka.bootstrapServers(), prefix + ".incidents");
    assertThat(records)
        .allSatisfy(r -> assertThat(r.headers()).containsEntry("eg-incident-id", id));
    Kcat.Record last = records.get(records.size() - 1);
    assertThat(last.headers())
        .containsEntry("eg-record", "incident-manifest")
        .containsEntry("eg-schema", "edgegateway.v1.IncidentManifest+json")
        .containsEntry("eg-encoding", "identity");
    List<Kcat.Record> batches = records.subList(0, records.size() - 1);
    assertThat(batches).noneSatisfy(r -> assertThat(r.headers()).containsKey("eg-record"));
    List<Envelope> uploadedSamples = decode(batches);
    assertThat(seqs(uploadedSamples, STRING_TOPIC))
        .as("every /chatter sample of the window once, though its stream is sampled to 5 Hz")
        .isEqualTo(oneTo(n));
    assertThat(seqs(uploadedSamples, IMU_TOPIC)).isEqualTo(oneTo(m));
    assertThat(uploadedSamples).hasSameSizeAs(kept);
    for (int i = 0; i < kept.size(); i++) {
      assertThat(uploadedSamples.get(i).payload()).isEqualTo(kept.get(i).payload());
      assertThat(uploadedSamples.get(i).receiveStampNs()).isEqualTo(kept.get(i).receiveStampNs());
    }
    IncidentManifest manifest = IncidentManifest.parse(last.value());
    assertThat(manifest.incidentId()).isEqualTo(id);
    assertThat(manifest.robotId()).isEqualTo("hx-incup");
    assertThat(manifest.triggers()).containsExactly("hello150");
    assertThat(manifest.counts()).isEqualTo(Map.of(STRING_TOPIC, (long) n, IMU_TOPIC, (long) m));
    assertThat(manifest.batches()).isEqualTo(batches.size());
    assertThat(manifest.sha256()).isEqualTo(sha256(uploadedSamples));
    assertThat(manifest.complete()).isTrue();
    assertThat(last.headers().get("eg-batch-id"))
        .isEqualTo("hx-incup/incidents/" + (manifest.lastBatchSeq() + 1));

    // export --bootstrap --incident: the same samples, read by @mcap/core
    NodeMcapReader reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
    Path out = dir.resolve("incident.mcap");
    StringWriter exportOut = new StringWriter();
    StringWriter exportErr = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(exportOut, true));
    cl.setErr(new PrintWriter(exportErr, true));
    int exit =
        cl.execute(
            "export",
            "--format",
            "mcap",
            "--out",
            out.toString(),
            "--bootstrap",
            kafka.bootstrapServers(),
            "--topic",
            prefix + ".incidents",
            "--incident",
            id);
    assertThat(exit).as("export: %s %s", exportOut, exportErr).isZero();
    JsonNode read = JSON.readTree(reader.read(out));
    assertThat(read.get("countsByTopic").get(STRING_TOPIC).asInt()).isEqualTo(n);
    assertThat(read.get("countsByTopic").get(IMU_TOPIC).asInt()).isEqualTo(m);
    List<String> logTimes = new ArrayList<>();
    read.get("messages").forEach(msg -> logTimes.add(msg.get("logTime").asText()));
    assertThat(logTimes)
        .containsExactlyInAnyOrderElementsOf(
            kept.stream().map(e -> Long.toString(e.receiveStampNs())).toList());

    // the audit log: opened, sealed, uploading, uploaded
    List<String> events = new ArrayList<>();
    for (String line : Files.readAllLines(data.resolve("audit.log"))) {
      JsonNode r = JSON.readTree(line);
      if (r.path("kind").asText().equals("capture")
          && r.path("detail").path("incident_id").asText().equals(id)) {
        events.add(r.path("detail").path("event").asText());
        assertThat(line).as("no config value in the audit log").doesNotContain("data matches");
      }
    }
    assertThat(events).containsExactly("opened", "sealed", "uploading", "uploaded");
  }

  /** /chatter's regular line holds its sampled-down samples only; the incident's are apart. */
  private static void assertLedgerKeepsIncidentSamplesApart(JsonNode status, int n, int m) {
    JsonNode ledger = status.path("ledger");
    Map<String, Long> sealed = new HashMap<>();
    for (JsonNode line : ledger) {
      sealed.put(
          line.path("stream").asText() + " " + line.path("topic").asText(),
          line.path("sealed").asLong());
    }
    assertThat(sealed.get("incidents " + STRING_TOPIC)).as("ledger %s", ledger).isEqualTo(n);
    assertThat(sealed.get("incidents " + IMU_TOPIC)).as("ledger %s", ledger).isEqualTo(m);
    assertThat(sealed.get("telemetry " + STRING_TOPIC))
        .as("the regular /chatter line, sampled to 5 Hz: %s", ledger)
        .isLessThan(n / 2L);
  }

  private static double counter(String metrics, String name, String labels) {
    Matcher matcher =
        Pattern.compile("^" + name + "\\{" + Pattern.quote(labels) + "} (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  @Test
  void anIncidentSealedWhileTheBrokerIsDownGoesOutAheadOfTheBacklog() throws Exception {
    int n = 3000;
    int m = 300;
    int domain = DdsDomains.forTest(getClass(), 1);
    String prefix = "e2e.incup.priority";
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      createTopics(kafka, prefix);
      String text =
          yaml(dir.resolve("data"), domain, kafka.bootstrapServers(), prefix, "{keep_all: true}");
      List<List<SealedBatch>> deliveries = new CopyOnWriteArrayList<>();
      try (Gateway gateway = Gateway.start(parse(text), Clock.system(), Duration.ofSeconds(30))) {
        int port = gateway.httpPort();
        await().atMost(Duration.ofSeconds(30)).until(gateway::uplinkReconciled);
        gateway.addDeliveryListener(deliveries::add);
        kafka.stop();
        try (CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, m)) {
          assertThat(publisher.waitFor(Duration.ofSeconds(60)))
              .as("publisher exit code; stderr: %s", publisher.stderr())
              .isZero();
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> incident(port).path("state").asText().equals("uploading"));
        // a round holding the incident's batches was tried and failed: every round from now on
        // begins with them
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    counter(
                            Http.get(port, "/metrics").body(),
                            "gateway_uplink_batches_total",
                            "outcome=\"retry\",stream=\"incidents\"")
                        > 0);
        long backlog = gateway.queueStats().batches();
        assertThat(deliveries).isEmpty();
        kafka.start();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> incident(port).path("state").asText().equals("uploaded"));
        List<SealedBatch> first = deliveries.get(0);
        assertThat(first.get(0).stream())
            .as("the first batch committed after the broker came back (backlog %d)", backlog)
            .isEqualTo("incidents");
        int incidentRecords = 0;
        boolean regularSeen = false;
        for (List<SealedBatch> d : deliveries) {
          for (SealedBatch b : d) {
            if (b.stream().equals("incidents")) {
              assertThat(regularSeen).as("an incident record after a regular batch").isFalse();
              incidentRecords++;
            } else {
              regularSeen = true;
            }
          }
        }
        assertThat(incidentRecords).isGreaterThan(1);
        assertThat(backlog).as("the regular backlog waited").isGreaterThan(incidentRecords);
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.queueStats().batches() == 0);
      }
      List<Kcat.Record> incident = Kcat.records(kafka.bootstrapServers(), prefix + ".incidents");
      assertThat(incident).hasSize(incidentRecords(incident));
      IncidentManifest manifest = IncidentManifest.parse(incident.get(incident.size() - 1).value());
      assertThat(manifest.counts()).isEqualTo(Map.of(STRING_TOPIC, (long) n, IMU_TOPIC, (long) m));
      assertThat(seqs(decode(incident.subList(0, incident.size() - 1)), STRING_TOPIC))
          .isEqualTo(oneTo(n));
    }
  }

  private static int incidentRecords(List<Kcat.Record> records) {
    return (int) records.stream().filter(r -> r.headers().containsKey("eg-incident-id")).count();
  }
}
