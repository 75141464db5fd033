package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.KafkaUplink;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window of store-and-forward: batches committed to Kafka whose rows were not deleted
 * (the process died between commit and delete). On start the gateway reads its checkpoint, drops
 * the committed rows and delivers only the rest, so every batch reaches Kafka exactly once.
 */
@ExtendWith(SharedKafkaExtension.class)
class CheckpointReconciliationEndToEndTest {
  private static final String ROBOT = "hx-crash-window";
  private static final String TOPIC = "e2e.reconcile.telemetry";

  @TempDir Path dir;

  @Test
  void rowsCommittedBeforeACrashAreDroppedOnStartAndTheRestDeliveredOnce(EmbeddedKafka kafka)
      throws Exception {
    GatewayFixture.createTopics(kafka, TOPIC);
    Path data = dir.resolve("data");
    GatewayConfig cfg =
        GatewayFixture.config(
            ROBOT, data, DdsDomains.forTest(getClass(), 0), kafka.bootstrapServers(), TOPIC);
    BatchCodec codec = new BatchCodec(ROBOT, "before-crash", BatchLineage.empty(), 3);
    List<StoredBatch> queued = new ArrayList<>();
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(data, 64L << 20, Durability.PROCESS)) {
      for (long seq = 1; seq <= 5; seq++) {
        queue.append(batch(codec, seq));
      }
      queued.addAll(queue.oldest(10, Long.MAX_VALUE));
    }
    // The previous process committed batches 1..3 (same robot, same transactional id) and died.
    try (KafkaUplink previous =
        KafkaUplink.create(
            ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", TOPIC),
            GatewayFixture.checkpointTopic(TOPIC))) {
      previous.deliver(queued.subList(0, 3), Duration.ofSeconds(20));
    }

    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.queueStats().batches() == 0);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(Http.get(gateway.httpPort(), "/readyz").statusCode()).isEqualTo(200));
    }

    List<ReceivedBatch> received = new ArrayList<>();
    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(), TOPIC, BatchReader.StartPosition.EARLIEST, Map.of())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < 5 && System.nanoTime() < deadline) {
        received.addAll(reader.poll(Duration.ofMillis(500)));
      }
      received.addAll(reader.poll(Duration.ofSeconds(1)));
      // Samples another test publishes on a colliding DDS domain would come after batch 5.
      assertThat(received)
          .extracting(r -> r.batch().getBatchSeq())
          .startsWith(1L, 2L, 3L, 4L, 5L)
          .doesNotHaveDuplicates();
      assertThat(received.subList(0, 3))
          .extracting(r -> r.batch().getGatewayInstanceId())
          .containsOnly("before-crash");
      assertThat(reader.duplicates()).isZero();
      assertThat(reader.gaps()).isZero();
    }
  }

  private static SealedBatch batch(BatchCodec codec, long seq) {
    byte[] cdr = ("sample-" + seq).getBytes(StandardCharsets.UTF_8);
    // Sealed "now": a fixed old stamp would be older than buffer.ttl and expire before upload.
    long stampNs = System.currentTimeMillis() * 1_000_000L + seq;
    return codec.seal(
        "telemetry",
        seq,
        5,
        stampNs,
        List.of(
            new Envelope(
                GatewayFixture.STRING_TOPIC, "std_msgs/msg/String", stampNs, stampNs, seq, cdr)));
  }
}
