package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-and-forward with real peers: a broker that is down when the gateway starts, and a gateway
 * stopped with batches still queued. Each test owns a broker it can stop and start.
 */
class DurabilityEndToEndTest {
  private static final int N = 200;
  private static final int M = 100;
  private static final String KAFKA_TOPIC = "e2e.durability.telemetry";

  @TempDir Path dir;
  private EmbeddedKafka kafka;

  @BeforeEach
  void createStoppedBroker() {
    kafka = EmbeddedKafka.create();
  }

  @AfterEach
  void closeBroker() {
    kafka.close();
  }

  private void startBrokerWithTopic() {
    kafka.start();
    GatewayFixture.createTopics(kafka, KAFKA_TOPIC);
  }

  private void publishAll(int domain) throws Exception {
    try (CycloneProcess publisher =
        GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, N, IMU_TOPIC, M)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
    }
  }

  private void assertAllDeliveredOnce() {
    List<ReceivedBatch> batches =
        GatewayFixture.readUntil(
            kafka.bootstrapServers(), KAFKA_TOPIC, N + M, Duration.ofSeconds(60));
    assertThat(GatewayFixture.totalRecords(batches)).isEqualTo(N + M);
    assertThat(GatewayFixture.recordsOf(batches, STRING_TOPIC))
        .extracting(r -> r.getSeq())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, N).boxed().toList());
    assertThat(batches).extracting(b -> b.batch().getBatchSeq()).doesNotHaveDuplicates();
  }

  @Test
  void queuesWhileBrokerIsDownAtStartAndDrainsWhenItComesUp() throws Exception {
    int domain = DdsDomains.forTest(getClass(), 1);
    GatewayConfig cfg =
        GatewayFixture.config(
            "hx-down", dir.resolve("data"), domain, kafka.bootstrapServers(), KAFKA_TOPIC);
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      publishAll(domain);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(gateway.queueStats().batches()).isPositive();
                assertThat(gateway.uplinkState()).isNotEqualTo(Uplink.UplinkState.CONNECTED);
              });
      var notReady = Http.get(gateway.httpPort(), "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"reason\":\"uplink_");
      assertThat(Http.get(gateway.httpPort(), "/healthz").statusCode()).isEqualTo(200);

      startBrokerWithTopic();

      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.queueStats().batches() == 0);
      assertAllDeliveredOnce();
      await()
          .untilAsserted(
              () ->
                  assertThat(Http.get(gateway.httpPort(), "/readyz").statusCode()).isEqualTo(200));
    }
  }

  @Test
  void uploadsBatchesLeftQueuedByAStoppedGatewayAfterRestart() throws Exception {
    int domain = DdsDomains.forTest(getClass(), 2);
    Path data = dir.resolve("data");
    GatewayConfig cfg =
        GatewayFixture.config("hx-restart", data, domain, kafka.bootstrapServers(), KAFKA_TOPIC);
    long queuedAtStop;
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofMillis(500))) {
      publishAll(domain);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  gateway.registry().find("gateway.batcher.records.sealed").counters().stream()
                          .mapToDouble(c -> c.count())
                          .sum()
                      >= N + M);
    }
    // Closed with the broker down: every batch is still in SQLite.
    queuedAtStop = io.edgegateway.buffer.SqliteDurableQueue.inspect(data).batches();
    assertThat(queuedAtStop).isPositive();

    startBrokerWithTopic();
    try (Gateway restarted = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> restarted.queueStats().batches() == 0);
    }
    assertAllDeliveredOnce();
  }
}
