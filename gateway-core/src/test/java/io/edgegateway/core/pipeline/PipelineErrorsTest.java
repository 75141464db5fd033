package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batcher and sender threads survive unexpected exceptions, count them and carry on; the queue
 * snapshot stays current while the sender is stuck.
 */
class PipelineErrorsTest {
  private static final TopicRoute ROUTE =
      new TopicRoute(
          "/imu", RosTypeName.parse("sensor_msgs/msg/Imu"), "telemetry", 5, Sampler.keepAll());

  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingUplink uplink = new RecordingUplink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);
  private TelemetryPipeline pipeline;
  private Thread loopThread;

  @AfterEach
  void close() throws InterruptedException {
    if (pipeline != null) {
      pipeline.close();
    }
    if (loopThread != null) {
      loopThread.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  /** A pipeline whose every 1000-byte sample fills a batch of its own (max 1024 bytes). */
  private SampleHandler startPipeline() {
    pipeline =
        new TelemetryPipeline(
            new TelemetryPipeline.Settings(
                1024,
                Duration.ofMillis(20),
                10_000,
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
    SampleHandler handler = pipeline.handlerFor(ROUTE);
    pipeline.start();
    return handler;
  }

  private double count(String name) {
    var counters = registry.find(name).counters();
    return counters.stream().mapToDouble(c -> c.count()).sum();
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  private int deliveredCount() {
    synchronized (uplink) {
      return uplink.delivered.size();
    }
  }

  @Test
  void batcherSurvivesAppendsThatThrowCountsThemAndKeepsNumberingGapless() {
    queue.buggyAppends.set(2);
    SampleHandler h = startPipeline();
    for (int i = 0; i < 5; i++) {
      h.onSample(0, new byte[1000]);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(deliveredCount()).isEqualTo(3));
    assertThat(count("gateway.batcher.errors")).isEqualTo(2);
    assertThat(count("gateway.queue.append.lost.records")).isEqualTo(2);
    assertThat(threadAlive("eg-batcher")).isTrue();

    for (int i = 0; i < 5; i++) {
      h.onSample(0, new byte[1000]);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(deliveredCount()).isEqualTo(8));
    synchronized (uplink) {
      assertThat(uplink.delivered)
          .extracting(b -> b.batch().batchSeq())
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }
    assertThat(count("gateway.batcher.errors")).isEqualTo(2);
    assertThat(count("gateway.batcher.records.sealed")).isEqualTo(8);
  }

  @Test
  void senderSurvivesAQueueThatThrowsCountsItAndDeliversAfter() {
    queue.buggyOldest.set(3);
    SampleHandler h = startPipeline();
    for (int i = 0; i < 4; i++) {
      h.onSample(0, new byte[1000]);
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(deliveredCount()).isEqualTo(4));
    assertThat(count("gateway.uplink.errors")).isEqualTo(3);
    assertThat(threadAlive("eg-uplink")).isTrue();
    await().until(() -> queue.size() == 0);
  }

  @Test
  void queueStatsStayCurrentWhileADeliveryHangs() {
    CountDownLatch release = new CountDownLatch(1);
    uplink.hang = release;
    SampleHandler h = startPipeline();
    h.onSample(0, new byte[1000]);
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.hanging > 0);

    // The sender is stuck in deliver(); a sample every 100 ms (a batch each) keeps arriving.
    AtomicInteger sent = new AtomicInteger(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              h.onSample(0, new byte[1000]);
              sent.incrementAndGet();
              return pipeline.queueStats().batches() >= 5;
            });
    release.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredCount() == sent.get());
    await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.queueStats().batches() == 0);
  }

  @Test
  void batcherRoundThatThrowsIsCountedAndTheLoopGoesOn() {
    AtomicInteger clockFailures = new AtomicInteger(3);
    Clock flaky =
        new Clock() {
          @Override
          public long wallNanos() {
            return System.currentTimeMillis() * 1_000_000L;
          }

          @Override
          public long monotonicNanos() {
            if (clockFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              throw new IllegalStateException("simulated clock bug");
            }
            return System.nanoTime();
          }
        };
    Intake intake = new Intake(1000, 1 << 20);
    BatchingLoop loop =
        new BatchingLoop(
            intake,
            new BatchCodec("r1", "i1", BatchLineage.empty(), 1),
            queue,
            flaky,
            metrics,
            1024,
            TimeUnit.MILLISECONDS.toNanos(20),
            () -> {},
            new SeqFloors());
    loopThread = new Thread(loop, "test-batcher");
    loopThread.start();
    for (int i = 1; i <= 3; i++) {
      intake.offer(ROUTE, new Envelope("/imu", "sensor_msgs/msg/Imu", 0, 0, i, new byte[1000]));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> queue.size() == 3);
    assertThat(count("gateway.batcher.errors")).isEqualTo(3);
    assertThat(loopThread.isAlive()).isTrue();
    assertThat(queue.oldest(10, Long.MAX_VALUE))
        .extracting(StoredBatch::batch)
        .extracting(b -> b.records())
        .containsExactly(1, 1, 1);
    loop.initiateClose();
  }
}
