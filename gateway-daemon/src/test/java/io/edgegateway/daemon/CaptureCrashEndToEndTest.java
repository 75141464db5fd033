package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process killed with SIGKILL in the middle of an incident: the next start finds the
 * incident recording in {@code incidents.db}, marks it incomplete with the time it was down, and
 * seals it with every sample the ring had on disk.
 */
@ExtendWith(SharedKafkaExtension.class)
class CaptureCrashEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anIncidentOpenWhenTheProcessIsKilledIsSealedIncompleteOnTheNextStart(EmbeddedKafka kafka)
      throws Exception {
    int n = 300;
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.capture.crash";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml =
        CaptureEndToEndTest.yaml(
            dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic, port, "");
    Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process daemon =
        new ProcessBuilder(
                java.toString(),
                "-Xmx384m",
                "-Duser.home=" + Files.createDirectories(dir.resolve("home")),
                "-cp",
                System.getProperty("java.class.path"),
                "io.edgegateway.daemon.cli.EdgeGatewayCli",
                "run",
                "--config",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("daemon.log").toFile())
            .start();
    String id;
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> Http.getFresh(port, "/healthz").statusCode() == 200);
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, n, IMU_TOPIC, 0)) {
        assertThat(publisher.waitFor(Duration.ofSeconds(60)))
            .as("publisher; stderr: %s; daemon: %s", publisher.stderr(), log())
            .isZero();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(ringHolds(port))
                      .as("ring bytes; metrics: %s; daemon: %s", captureMetrics(port), log())
                      .isTrue());
      HttpResponse<String> res =
          Http.postJson(
              port, "/v1/captures", "{\"reason\":\"crash test\",\"pre_s\":30,\"post_s\":25}");
      assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
      id = JSON.readTree(res.body()).path("id").asText();
    } finally {
      daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
      assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(daemon.exitValue()).isEqualTo(137);

    GatewayConfig cfg = ConfigLoader.parse(file.toString(), yaml, name -> null).orElseThrow();
    try (Gateway again = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(5))) {
      JsonNode sealed =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> CaptureEndToEndTest.getFreshJson(port, "/v1/captures/" + id),
                  i -> i.path("state").asText().equals("sealed"));
      assertThat(sealed.path("trigger").asText()).isEqualTo("manual");
      assertThat(sealed.path("reason").asText()).isEqualTo("crash test");
      assertThat(sealed.path("complete").asBoolean()).isFalse();
      assertThat(sealed.path("note").asText()).contains("the gateway was not running from");
      assertThat(sealed.path("counts").path(STRING_TOPIC).asLong())
          .as("every sample the ring had written before the kill")
          .isEqualTo(n);
    }
  }

  private static boolean ringHolds(int port) throws Exception {
    for (String line : Http.getFresh(port, "/metrics").body().lines().toList()) {
      if (line.startsWith("gateway_capture_ring_bytes ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1)) > 0;
      }
    }
    return false;
  }

  private static String captureMetrics(int port) throws Exception {
    return String.join(
        "\n",
        Http.getFresh(port, "/metrics")
            .body()
            .lines()
            .filter(l -> l.contains("capture") || l.contains("received"))
            .toList());
  }

  private String log() throws java.io.IOException {
    List<String> lines = Files.readAllLines(dir.resolve("daemon.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
