package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.ledger.InMemoryIntakeLedger;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline's use of the intake ledger: seq continuation, counts, per-topic summaries. */
class TopicChannelLedgerTest {
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingUplink uplink = new RecordingUplink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryIntakeLedger ledger = new InMemoryIntakeLedger();
  private TelemetryPipeline pipeline;

  private TelemetryPipeline pipeline(int intakeSamples) {
    pipeline =
        new TelemetryPipeline(
            new TelemetryPipeline.Settings(
                1 << 20,
                Duration.ofMillis(20),
                intakeSamples,
                64L * 1024 * 1024,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ZERO),
            new BatchCodec("r1", "i1", BatchLineage.empty(), 1),
            queue,
            uplink,
            Clock.system(),
            new GatewayMetrics(registry),
            Set.of("telemetry"),
            ledger);
    return pipeline;
  }

  private static TopicRoute route(String topic, Sampler sampler) {
    return new TopicRoute(topic, RosTypeName.parse("std_msgs/msg/String"), "telemetry", 5, sampler);
  }

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void seqContinuesFromTheLedgerSlot() throws Exception {
    ledger.slot(new TopicKey("telemetry", "/imu")).restore(new IntakeCounts(41, 0, 0));
    TelemetryPipeline p = pipeline(10_000);
    SampleHandler h = p.handlerFor(route("/imu", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 3; i++) {
      h.onSample(i, new byte[8]);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.delivered().size() >= 1);

    List<Long> seqs = new ArrayList<>();
    for (StoredBatch b : uplink.delivered()) {
      BatchCodec.decode(b.batch().payload()).getRecordsList().forEach(r -> seqs.add(r.getSeq()));
    }
    assertThat(seqs).containsExactly(42L, 43L, 44L);
    assertThat(ledger.slot(new TopicKey("telemetry", "/imu")).received()).isEqualTo(44);
  }

  @Test
  void sealedBatchesCarryPerTopicSummaries() {
    TelemetryPipeline p = pipeline(10_000);
    SampleHandler imu = p.handlerFor(route("/imu", Sampler.keepAll()));
    SampleHandler camera = p.handlerFor(route("/camera", Sampler.everyNth(2)));
    for (int i = 0; i < 5; i++) {
      imu.onSample(i, new byte[8]);
      camera.onSample(i, new byte[8]);
    }
    p.close(); // not started: close seals what the intake holds

    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.oldest(1, Long.MAX_VALUE).get(0).batch().topics())
        .containsExactlyInAnyOrder(
            new TopicSummary("/imu", 5, 1, 5), new TopicSummary("/camera", 3, 1, 5));
  }

  @Test
  void countsSampledOutAndIntakeDropsInTheLedger() {
    TelemetryPipeline p = pipeline(4);
    SampleHandler h = p.handlerFor(route("/imu", Sampler.everyNth(2)));
    for (int i = 0; i < 20; i++) {
      h.onSample(i, new byte[8]);
    }

    assertThat(ledger.slot(new TopicKey("telemetry", "/imu")).counts())
        .isEqualTo(new IntakeCounts(20, 10, 6));
    TopicLedger line = p.ledger().get(0);
    assertThat(line.accepted()).isEqualTo(20);
    assertThat(line.inFlight()).isEqualTo(4);
    assertThat(
            registry
                .get("gateway.ledger.messages")
                .tag("topic", "/imu")
                .tag("state", "intake_dropped")
                .functionCounter()
                .count())
        .isEqualTo(6);
  }

  @Test
  void theSameRouteTwiceSharesOneChannel() {
    TelemetryPipeline p = pipeline(10_000);
    assertThat(p.handlerFor(route("/imu", Sampler.keepAll())))
        .isSameAs(p.handlerFor(route("/imu", Sampler.keepAll())));
  }
}
