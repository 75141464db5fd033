package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
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

class TelemetryPipelineTest {
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingUplink uplink = new RecordingUplink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);
  private TelemetryPipeline pipeline;

  private TelemetryPipeline pipeline(long maxBatchBytes, int intakeSamples) {
    pipeline =
        new TelemetryPipeline(
            new TelemetryPipeline.Settings(
                maxBatchBytes,
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
            metrics,
            Set.of("telemetry"));
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

  private List<Record> deliveredRecords() throws Exception {
    List<Record> out = new ArrayList<>();
    for (StoredBatch b : uplink.delivered()) {
      TelemetryBatch batch = BatchCodec.decode(b.batch().payload());
      out.addAll(batch.getRecordsList());
    }
    return out;
  }

  private static long sinceLastTurnMs(LoopProgress p) {
    return (Clock.system().monotonicNanos() - p.lastTurnNanos()) / 1_000_000;
  }

  @Test
  void bothLoopsTurnWhileIdle_anUplinkBlockedInADeliveryStopsTurning_andClosedLoopsEnd()
      throws Exception {
    TelemetryPipeline p = pipeline(4096, 10_000);
    SampleHandler h = p.handlerFor(route("/chatter", Sampler.keepAll()));
    List<LoopProgress> loops = p.progress();
    assertThat(loops).extracting(LoopProgress::loop).containsExactly("batcher", "uplink");
    p.start();
    // idle: both poll with timeouts (50 ms, 200 ms) and turn each time
    for (LoopProgress l : loops) {
      long first = l.lastTurnNanos();
      await().atMost(Duration.ofSeconds(5)).until(() -> l.lastTurnNanos() != first);
    }
    var hang = new java.util.concurrent.CountDownLatch(1);
    uplink.hang = hang;
    h.onSample(1, "stuck".getBytes());
    LoopProgress sender = loops.get(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> sinceLastTurnMs(sender) > 1000);
    assertThat(sinceLastTurnMs(loops.get(0))).as("the batcher still turns").isLessThan(500);
    hang.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> sinceLastTurnMs(sender) < 500);
    assertThat(loops).noneMatch(LoopProgress::ended);
    p.close();
    assertThat(loops).allMatch(LoopProgress::ended);
  }

  @Test
  void aNewRouteForTheSameTopic_takesEffectFromTheNextSampleOnTheSameHandler() throws Exception {
    TelemetryPipeline p = pipeline(1 << 20, 10_000);
    SampleHandler before = p.handlerFor(route("/chatter", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 10; i++) {
      before.onSample(i, ("a" + i).getBytes());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredRecords().size() == 10);

    SampleHandler after =
        p.handlerFor(
            new TopicRoute(
                "/chatter",
                RosTypeName.parse("std_msgs/msg/String"),
                "telemetry",
                8,
                Sampler.everyNth(5)));
    for (int i = 0; i < 10; i++) {
      before.onSample(100 + i, ("b" + i).getBytes());
    }

    assertThat(after).isSameAs(before);
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredRecords().size() == 12);
    List<Record> records = deliveredRecords();
    assertThat(records.subList(0, 10))
        .extracting(Record::getSeq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(records.get(10).getSeq()).isGreaterThan(10); // seq continues, gaps sampled out
    assertThat(uplink.delivered().get(0).batch().priority()).isEqualTo(5);
    assertThat(uplink.delivered().get(uplink.delivered().size() - 1).batch().priority())
        .isEqualTo(8);
    assertThat(
            registry
                .get("gateway.sampler.dropped")
                .tag("topic", "/chatter")
                .tag("reason", Sampler.everyNth(5).dropReason())
                .counter()
                .count())
        .isEqualTo(8);
  }

  @Test
  void deliversEverySampleInOrderWithGaplessSeq() throws Exception {
    TelemetryPipeline p = pipeline(4096, 10_000);
    SampleHandler h = p.handlerFor(route("/chatter", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 500; i++) {
      h.onSample(1000 + i, ("hello " + i).getBytes());
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredRecords().size() == 500);

    List<Record> records = deliveredRecords();
    for (int i = 0; i < 500; i++) {
      assertThat(records.get(i).getSeq()).isEqualTo(i + 1);
      assertThat(records.get(i).getSourceStampNs()).isEqualTo(1000 + i);
      assertThat(records.get(i).getPayload().toStringUtf8()).isEqualTo("hello " + i);
    }
    assertThat(uplink.delivered()).hasSizeGreaterThan(1);
    long[] seqs = uplink.delivered().stream().mapToLong(b -> b.batch().batchSeq()).toArray();
    for (int i = 0; i < seqs.length; i++) {
      assertThat(seqs[i]).isEqualTo(i + 1);
    }
    await().until(() -> queue.size() == 0);
  }

  @Test
  void keepsBatchesQueuedWhileUplinkIsDownAndTimesOnlyTheDeliveriesThatCommit() throws Exception {
    uplink.down = true;
    TelemetryPipeline p = pipeline(2048, 10_000);
    SampleHandler h = p.handlerFor(route("/imu", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 300; i++) {
      h.onSample(0, new byte[100]);
    }
    await().until(() -> queue.size() >= 10 && uplink.attempts >= 2);
    assertThat(uplink.delivered()).isEmpty();
    assertThat(registry.get("gateway.uplink.batches").tag("outcome", "retry").counter().count())
        .isPositive();
    assertThat(registry.get("gateway.uplink.commit").timer().count()).isZero();

    uplink.down = false;

    await().atMost(Duration.ofSeconds(15)).until(() -> deliveredRecords().size() == 300);
    await().until(() -> queue.size() == 0);
    assertThat(registry.get("gateway.uplink.commit").timer().count()).isPositive();
  }

  @Test
  void countsSamplesDroppedBySamplerAndStillNumbersThem() throws Exception {
    TelemetryPipeline p = pipeline(1 << 20, 10_000);
    SampleHandler h = p.handlerFor(route("/camera", Sampler.everyNth(10)));
    p.start();
    for (int i = 0; i < 100; i++) {
      h.onSample(0, new byte[10]);
    }
    await().until(() -> deliveredRecords().size() == 10);
    assertThat(deliveredRecords()).extracting(Record::getSeq).startsWith(1L, 11L, 21L);
    assertThat(
            registry
                .get("gateway.sampler.dropped")
                .tag("topic", "/camera")
                .tag("reason", "every_nth")
                .counter()
                .count())
        .isEqualTo(90);
  }

  @Test
  void dropsAndCountsWhenIntakeIsFullInsteadOfBlockingTheBusThread() {
    TelemetryPipeline p = pipeline(1 << 20, 10);
    SampleHandler h = p.handlerFor(route("/burst", Sampler.keepAll()));
    for (int i = 0; i < 50; i++) {
      h.onSample(0, new byte[10]);
    }
    assertThat(
            registry
                .get("gateway.sampler.dropped")
                .tag("topic", "/burst")
                .tag("reason", "intake_full")
                .counter()
                .count())
        .isEqualTo(40);
    assertThat(registry.get("gateway.bus.messages.received").counter().count()).isEqualTo(50);
  }

  @Test
  void closeSealsOpenBatchesAndDeliversThem() throws Exception {
    TelemetryPipeline p = pipeline(1 << 20, 10_000);
    SampleHandler h = p.handlerFor(route("/slow", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 7; i++) {
      h.onSample(0, new byte[10]);
    }
    p.close();
    assertThat(deliveredRecords()).hasSize(7);
    assertThat(queue.size()).isZero();
  }

  @Test
  void countsSamplesLostWhenQueueRejectsAppend() {
    queue.failAppends = true;
    TelemetryPipeline p = pipeline(1 << 20, 10_000);
    SampleHandler h = p.handlerFor(route("/x", Sampler.keepAll()));
    p.start();
    for (int i = 0; i < 5; i++) {
      h.onSample(0, new byte[10]);
    }
    await().until(() -> registry.get("gateway.queue.append.lost.records").counter().count() == 5);
  }
}
