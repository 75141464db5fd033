package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completeness ledger end to end: {@code /v1/status}, the metrics and {@code queue stats} show
 * where every sample went, and a restarted gateway continues the per-topic seq in what lands in
 * Kafka.
 */
@ExtendWith(SharedKafkaExtension.class)
class LedgerEndToEndTest {
  private static final int N = 120;
  private static final int M = 40;
  private static final String KAFKA_TOPIC = "e2e.ledger.telemetry";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void publish(int domain) throws Exception {
    try (CycloneProcess publisher =
        GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, N, IMU_TOPIC, M)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
    }
  }

  private static JsonNode line(JsonNode status, String topic) {
    for (JsonNode l : status.get("ledger")) {
      if (l.get("topic").asText().equals(topic)) {
        return l;
      }
    }
    throw new AssertionError("no ledger line for " + topic + " in " + status);
  }

  private static JsonNode status(Gateway gateway) throws Exception {
    return JSON.readTree(Http.get(gateway.httpPort(), "/v1/status").body());
  }

  @Test
  void statusMetricsAndQueueStatsShowTheLedgerAndARestartContinuesTheSeq(EmbeddedKafka kafka)
      throws Exception {
    GatewayFixture.createTopics(kafka, KAFKA_TOPIC);
    int domain = DdsDomains.forTest(getClass(), 1);
    Path data = dir.resolve("data");
    GatewayConfig cfg =
        GatewayFixture.config("hx-ledger", data, domain, kafka.bootstrapServers(), KAFKA_TOPIC);

    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      publish(domain);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(line(status(gateway), STRING_TOPIC).get("uploaded").asLong())
                      .isEqualTo(N));
      JsonNode chatter = line(status(gateway), STRING_TOPIC);
      assertThat(chatter.get("stream").asText()).isEqualTo("telemetry");
      assertThat(chatter.get("accepted").asLong()).isEqualTo(N);
      assertThat(chatter.get("sampled_out").asLong()).isZero();
      assertThat(chatter.get("intake_dropped").asLong()).isZero();
      assertThat(chatter.get("sealed").asLong()).isEqualTo(N);
      assertThat(chatter.get("lost_before_commit").asLong()).isZero();
      assertThat(chatter.get("in_queue").asLong()).isZero();
      assertThat(chatter.get("evicted").get("quota").asLong()).isZero();
      assertThat(chatter.get("seq").get("first").asLong()).isEqualTo(1);
      assertThat(chatter.get("seq").get("last").asLong()).isEqualTo(N);
      assertThat(chatter.get("uploaded_seq").get("last").asLong()).isEqualTo(N);
      assertThat(chatter.get("lost_ranges")).isEmpty();
      await()
          .untilAsserted(
              () ->
                  assertThat(line(status(gateway), IMU_TOPIC).get("uploaded").asLong())
                      .isEqualTo(M));
      assertThat(Http.get(gateway.httpPort(), "/metrics").body())
          .containsPattern(
              "gateway_ledger_messages_total\\{state=\"uploaded\",stream=\"telemetry\",topic=\""
                  + STRING_TOPIC
                  + "\"} "
                  + N
                  + "(\\.0)?\n");
    }

    Path configFile = dir.resolve("gateway.yaml");
    Files.writeString(
        configFile,
        "gateway: {robot_id: hx-ledger, data_dir: '"
            + data
            + "'}\n"
            + "ros2: {domain_id: "
            + domain
            + "}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + kafka.bootstrapServers()
            + "'}\n"
            + "  streams: {telemetry: {topic: "
            + KAFKA_TOPIC
            + "}}\n"
            + "  checkpoint_topic: "
            + GatewayFixture.checkpointTopic(KAFKA_TOPIC)
            + "\n");
    String table = run("queue", "stats", "--config", configFile.toString());
    assertThat(table).contains("quarantined files: 0");
    assertThat(table)
        .containsPattern(
            "telemetry +"
                + STRING_TOPIC
                + " +"
                + N
                + " +0 +0 +"
                + N
                + " +"
                + N
                + " +0 +0 +0 +0 +1\\.\\."
                + N);
    JsonNode offline =
        JSON.readTree(run("queue", "stats", "--config", configFile.toString(), "--json"));
    assertThat(line(offline, STRING_TOPIC).get("uploaded").asLong()).isEqualTo(N);
    assertThat(line(offline, IMU_TOPIC).get("accepted").asLong()).isEqualTo(M);

    try (Gateway restarted = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      publish(domain);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(line(status(restarted), STRING_TOPIC).get("uploaded").asLong())
                      .isEqualTo(2 * N));
      JsonNode chatter = line(status(restarted), STRING_TOPIC);
      assertThat(chatter.get("accepted").asLong()).isEqualTo(2 * N);
      assertThat(chatter.get("lost_before_commit").asLong()).isZero();
      assertThat(chatter.get("seq").get("last").asLong()).isEqualTo(2 * N);
    }

    List<ReceivedBatch> batches =
        GatewayFixture.readUntil(
            kafka.bootstrapServers(), KAFKA_TOPIC, 2 * (N + M), Duration.ofSeconds(60));
    assertThat(GatewayFixture.recordsOf(batches, STRING_TOPIC))
        .extracting(r -> r.getSeq())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * N).boxed().toList());
    assertThat(GatewayFixture.recordsOf(batches, IMU_TOPIC))
        .extracting(r -> r.getSeq())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * M).boxed().toList());
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    assertThat(exit).as("exit of %s; stderr: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }
}
