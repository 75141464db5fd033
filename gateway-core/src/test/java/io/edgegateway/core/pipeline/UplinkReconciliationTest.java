package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up reconciliation with the uplink's committed checkpoints, and the fenced reaction. */
class UplinkReconciliationTest {
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingUplink uplink = new RecordingUplink();
  private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
  private final BatchCodec codec = new BatchCodec("r1", "i1", BatchLineage.empty(), 1);
  private TelemetryPipeline pipeline;

  private TelemetryPipeline pipeline() {
    pipeline =
        new TelemetryPipeline(
            new TelemetryPipeline.Settings(
                4096,
                Duration.ofMillis(20),
                10_000,
                64L * 1024 * 1024,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ZERO),
            codec,
            queue,
            uplink,
            Clock.system(),
            metrics,
            Set.of("telemetry"));
    return pipeline;
  }

  private SealedBatch sealed(long seq) {
    return codec.seal(
        "telemetry",
        seq,
        5,
        0,
        List.of(
            new Envelope("/chatter", "std_msgs/msg/String", 1, 2, seq, new byte[] {0, 1, 0, 0})));
  }

  private SampleHandler handler(TelemetryPipeline p) {
    return p.handlerFor(
        new TopicRoute(
            "/chatter",
            RosTypeName.parse("std_msgs/msg/String"),
            "telemetry",
            5,
            Sampler.keepAll()));
  }

  private List<Long> deliveredSeqs() {
    return uplink.delivered().stream().map(StoredBatch::batch).map(b -> b.batchSeq()).toList();
  }

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void dropsQueuedBatchesAtOrBelowTheCheckpointAndContinuesTheSeqAfterIt() {
    for (long seq = 1; seq <= 5; seq++) {
      queue.append(sealed(seq));
    }
    uplink.checkpoints = Map.of("telemetry", 3L);
    TelemetryPipeline p = pipeline();
    SampleHandler h = handler(p);
    p.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredSeqs().size() == 2);
    h.onSample(1, "after".getBytes());

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredSeqs().size() == 3);
    assertThat(deliveredSeqs()).containsExactly(4L, 5L, 6L);
    assertThat(p.uplinkReconciled()).isTrue();
  }

  @Test
  void deliveryWaitsWhileCheckpointsCannotBeReadButTheBatcherKeepsAppending() {
    queue.append(sealed(1));
    queue.append(sealed(2));
    uplink.checkpointsDown = true;
    TelemetryPipeline p = pipeline();
    SampleHandler h = handler(p);
    p.start();
    h.onSample(1, "queued".getBytes());

    await().atMost(Duration.ofSeconds(10)).until(() -> queue.size() == 3);
    await().until(() -> uplink.checkpointReads >= 2);
    assertThat(uplink.attempts).isZero();
    assertThat(p.uplinkReconciled()).isFalse();

    uplink.checkpoints = Map.of("telemetry", 2L);
    uplink.checkpointsDown = false;

    await().atMost(Duration.ofSeconds(15)).until(() -> deliveredSeqs().size() == 1);
    assertThat(deliveredSeqs()).containsExactly(3L);
    await().until(() -> queue.size() == 0);
  }

  @Test
  void checkpointAheadOfTheQueueRaisesTheSeqWithoutDroppingNewBatches() {
    uplink.checkpoints = Map.of("telemetry", 40L);
    TelemetryPipeline p = pipeline();
    SampleHandler h = handler(p);
    p.start();
    await().atMost(Duration.ofSeconds(10)).until(p::uplinkReconciled);

    h.onSample(1, "fresh".getBytes());

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredSeqs().size() == 1);
    assertThat(deliveredSeqs()).containsExactly(41L);
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(41L);
  }

  @Test
  void fencedUplinkStopsTheSenderAndKeepsBatchesQueued() {
    uplink.fenced = true;
    queue.append(sealed(1));
    TelemetryPipeline p = pipeline();
    p.start();

    await().atMost(Duration.ofSeconds(10)).until(p::uplinkFenced);
    int attempts = uplink.attempts;
    assertThat(attempts).isEqualTo(1);
    assertThat(queue.size()).isEqualTo(1);
    assertThat(p.uplinkFailing()).isTrue();

    p.close();
    assertThat(uplink.attempts).isEqualTo(attempts);
    assertThat(queue.size()).isEqualTo(1);
  }
}
