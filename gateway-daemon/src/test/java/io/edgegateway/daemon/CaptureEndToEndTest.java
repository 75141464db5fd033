package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident capture end to end: a foreign Cyclone DDS publisher at full rate, a topic whose regular
 * stream is sampled down to 5 Hz, a trigger on a field value, a manual request through the {@code
 * capture} command, bad requests, and a restart in the middle of an incident.
 */
@ExtendWith(SharedKafkaExtension.class)
class CaptureEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static String yaml(
      Path dataDir, int domain, String bootstrap, String topic, int port, String triggers) {
    return "gateway: {robot_id: hx-capture, data_dir: "
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
        + "      sample: {max_rate_hz: 5}\n"
        + "    - match: "
        + IMU_TOPIC
        + "\n"
        + "      type: sensor_msgs/msg/Imu\n"
        + "      qos: {reliability: reliable, history: keep_all}\n"
        + "buffer:\n"
        + "  batch: {max_bytes: 16KiB, linger_ms: 100}\n"
        + GatewayFixture.uplinkYaml(bootstrap, topic)
        + "http:\n"
        + "  bind: 127.0.0.1:"
        + port
        + "\n"
        + "capture:\n"
        + "  ring: {max_bytes: 64MiB, max_age: 60s}\n"
        + triggers;
  }

  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse("capture-test.yaml", yaml, name -> null).orElseThrow();
  }

  private static JsonNode getJson(int port, String path) throws Exception {
    HttpResponse<String> res = Http.get(port, path);
    assertThat(res.statusCode()).as("GET %s: %s", path, res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  static JsonNode getFreshJson(int port, String path) throws Exception {
    HttpResponse<String> res = Http.getFresh(port, path);
    assertThat(res.statusCode()).as("GET %s: %s", path, res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  private static List<Envelope> samples(Gateway gateway, String id) {
    List<Envelope> out = new ArrayList<>();
    try (IncidentStore.SampleCursor c = gateway.capture().orElseThrow().store().samples(id)) {
      c.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<Long> seqs(List<Envelope> samples, String topic) {
    return samples.stream().filter(e -> e.topic().equals(topic)).map(Envelope::seq).toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void aTriggerOnAFieldSealsEverySampleOfItsWindowAtFullRate(EmbeddedKafka kafka) throws Exception {
    int n = 2000;
    int m = 500;
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.capture.trigger";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    String text =
        yaml(
            dir.resolve("data"),
            domain,
            kafka.bootstrapServers(),
            kafkaTopic,
            0,
            "  triggers:\n"
                + "    - {name: hello150, topic: "
                + STRING_TOPIC
                + ", when: 'data matches \"^hello 150$\"', pre: 30s, post: 3s}\n");
    Path file = dir.resolve("capture.yaml");
    Files.writeString(file, text);
    GatewayConfig cfg = parse(text);
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, m)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      int port = gateway.httpPort();
      JsonNode incident =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> getJson(port, "/v1/captures").path("incidents").path(0),
                  i -> i.path("state").asText().equals("sealed"));

      assertThat(incident.path("trigger").asText()).isEqualTo("hello150");
      assertThat(incident.path("reason").asText()).contains("data matches");
      assertThat(incident.path("complete").asBoolean()).isTrue();
      assertThat(incident.path("counts").path(STRING_TOPIC).asLong()).isEqualTo(n);
      assertThat(incident.path("counts").path(IMU_TOPIC).asLong()).isEqualTo(m);
      String id = incident.path("id").asText();
      assertThat(getJson(port, "/v1/captures/" + id).path("id").asText()).isEqualTo(id);

      List<Envelope> kept = samples(gateway, id);
      assertThat(seqs(kept, STRING_TOPIC)).as("every /chatter sample").isEqualTo(oneTo(n));
      assertThat(seqs(kept, IMU_TOPIC)).as("every imu sample").isEqualTo(oneTo(m));
      for (Envelope e : kept) {
        int i = (int) e.seq() - 1;
        assertThat(e.payload())
            .as("%s seq %d", e.topic(), e.seq())
            .isEqualTo(
                e.topic().equals(STRING_TOPIC)
                    ? GatewayFixture.expectedString(i)
                    : GatewayFixture.expectedImu(i));
      }
      assertThat(kept)
          .isSortedAccordingTo((a, b) -> Long.compare(a.receiveStampNs(), b.receiveStampNs()));

      String metrics = Http.get(port, "/metrics").body();
      assertThat(counter(metrics, "gateway_sampler_dropped_total", STRING_TOPIC))
          .as("the regular stream of /chatter is sampled down")
          .isGreaterThan(n / 2.0);
      assertThat(metrics)
          .contains("gateway_capture_incidents_total{trigger=\"hello150\"} 1.0")
          .contains("gateway_capture_incidents_total{trigger=\"manual\"} 0.0")
          .contains("gateway_capture_ring_bytes ")
          .contains("gateway_capture_ring_oldest_age_seconds ")
          .doesNotContain("gateway_capture_dropped_total{");

      // export --config F --incident ID: the robot's own store to MCAP, read by @mcap/core and
      // Foxglove's CDR decoder; every sample of the window, at full rate, with its stamps
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
              "--config",
              file.toString(),
              "--incident",
              id);
      assertThat(exit).as("export: %s %s", exportOut, exportErr).isZero();
      JsonNode read = JSON.readTree(reader.read(out));
      assertThat(read.get("profile").asText()).isEqualTo("ros2");
      assertThat(read.get("countsByTopic").get(STRING_TOPIC).asInt()).isEqualTo(n);
      assertThat(read.get("countsByTopic").get(IMU_TOPIC).asInt()).isEqualTo(m);
      JsonNode meta = read.get("metadata").get(0).get("metadata");
      assertThat(meta.get("robot_id").asText()).isEqualTo("hx-capture");
      assertThat(meta.get("incident_id").asText()).isEqualTo(id);
      assertThat(meta.get("triggers").asText()).isEqualTo("hello150");
      int k = 0;
      for (JsonNode msg : read.get("messages")) {
        if (!msg.get("topic").asText().equals(STRING_TOPIC)) {
          continue;
        }
        Envelope e = kept.stream().filter(x -> x.topic().equals(STRING_TOPIC)).toList().get(k);
        assertThat(msg.get("sequence").asLong()).isEqualTo(k + 1);
        assertThat(msg.get("logTime").asText()).isEqualTo(Long.toString(e.receiveStampNs()));
        assertThat(msg.get("publishTime").asText()).isEqualTo(Long.toString(e.sourceStampNs()));
        assertThat(msg.get("message").get("data").asText()).isEqualTo(RosSamples.stringData(k));
        k++;
      }
      assertThat(k).isEqualTo(n);

      // bad input: an unknown incident is a usage error, and no file is left behind
      Path none = dir.resolve("none.mcap");
      int unknown =
          cl.execute(
              "export",
              "--format",
              "mcap",
              "--out",
              none.toString(),
              "--config",
              file.toString(),
              "--incident",
              "no-such-incident");
      assertThat(unknown).isEqualTo(2);
      assertThat(exportErr.toString()).contains("export: no incident no-such-incident in ");
      assertThat(none).doesNotExist();
      assertThat(dir.resolve("none.mcap.part")).doesNotExist();
    }
  }

  private static double counter(String metrics, String name, String topic) {
    Matcher matcher =
        Pattern.compile(
                "^" + name + "\\{[^}]*topic=\"" + Pattern.quote(topic) + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  @Test
  void aManualCaptureSurvivesARestartInItsPostWindowAndBadRequestsGet400(EmbeddedKafka kafka)
      throws Exception {
    int n = 300;
    int domain = DdsDomains.forTest(getClass(), 1);
    String kafkaTopic = "e2e.capture.manual";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml = yaml(dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic, port, "");
    Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
    GatewayConfig cfg = parse(yaml);
    String id;
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(5));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, 0)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> gateway.capture().orElseThrow().ring().newestReceiveNs().isPresent());
      assertBadRequests(port);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = EdgeGatewayCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit =
          cli.execute(
              "capture",
              "--config",
              file.toString(),
              "--reason",
              "operator saw a stumble",
              "--pre",
              "30s",
              "--post",
              "25s");
      assertThat(exit).as("capture: %s %s", out, err).isZero();
      Matcher m = Pattern.compile("incident (\\S+) \\(recording\\)").matcher(out.toString());
      assertThat(m.find()).as(out.toString()).isTrue();
      id = m.group(1);
      JsonNode recording = getJson(port, "/v1/captures/" + id);
      assertThat(recording.path("state").asText()).isEqualTo("recording");
      assertThat(recording.path("trigger").asText()).isEqualTo("manual");
      assertThat(recording.path("reason").asText()).isEqualTo("operator saw a stumble");
      assertThat(Http.get(port, "/v1/captures/no-such-incident").statusCode()).isEqualTo(404);
      HttpResponse<String> overlapping =
          Http.postJson(port, "/v1/captures", "{\"reason\":\"again\",\"pre_s\":1,\"post_s\":1}");
      assertThat(overlapping.statusCode()).as(overlapping.body()).isEqualTo(202);
      assertThat(JSON.readTree(overlapping.body()).path("id").asText())
          .as("an overlapping window merges into the recording incident")
          .isEqualTo(id);
    } // stopped inside the post window

    try (Gateway again = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(5))) {
      JsonNode sealed =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> getFreshJson(port, "/v1/captures/" + id),
                  i -> i.path("state").asText().equals("sealed"));
      assertThat(sealed.path("complete").asBoolean()).isFalse();
      assertThat(sealed.path("note").asText()).contains("the gateway was not running from");
      assertThat(sealed.path("counts").path(STRING_TOPIC).asLong()).isEqualTo(n);
      assertThat(seqs(samples(again, id), STRING_TOPIC)).isEqualTo(oneTo(n));
      assertThat(getFreshJson(port, "/v1/captures").path("incidents")).hasSize(1);
    }
  }

  private static void assertBadRequests(int port) throws Exception {
    for (String body :
        List.of(
            "{\"reason\":\"x\",\"pre_s\":-1,\"post_s\":5}",
            "{\"reason\":\"x\",\"pre_s\":100000,\"post_s\":5}",
            "{\"reason\":\"x\",\"pre_s\":50,\"post_s\":20}",
            "{\"pre_s\":1,\"post_s\":1}",
            "{\"reason\":\"x\",\"pre_s\":1,\"post_s\":1,\"topics\":[\"no-slash\"]}",
            "{\"reason\":\"x\",\"pre_s\":1,\"post_s\":1,\"extra\":1}")) {
      HttpResponse<String> res = Http.postJson(port, "/v1/captures", body);
      assertThat(res.statusCode()).as("%s -> %s", body, res.body()).isEqualTo(400);
      JsonNode reply = JSON.readTree(res.body());
      assertThat(reply.path("max_s").asDouble()).isEqualTo(60.0);
      assertThat(reply.path("error").asText()).isNotBlank();
    }
    assertThat(
            Http.postJson(port, "/v1/captures", "{\"reason\":\"x\",\"pre_s\":50,\"post_s\":20}")
                .body())
        .contains("pre_s + post_s is 70 s, more than the ring holds (capture.ring.max_age: 60 s)");
    assertThat(
            Http.postJson(port, "/v1/captures", "{\"reason\":\"x\",\"pre_s\":-1,\"post_s\":1}")
                .body())
        .contains("pre_s: -1 is out of range (expected 0..60 seconds)");
    // not JSON at all: the HTTP layer's 400 (every JSON-taking route answers it the same way)
    HttpResponse<String> notJson = Http.postJson(port, "/v1/captures", "not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("error").asText()).startsWith("malformed JSON");
    assertThat(getJson(port, "/v1/captures").path("incidents")).isEmpty();
  }
}
