package io.edgegateway.buffer;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A child process for the ledger crash test: runs the real telemetry pipeline on the queue and
 * ledger in {@code args[0]} (uplink down, so every sealed batch stays queued) and feeds topic
 * {@value #TOPIC} as fast as it can, printing {@code received <n> batches <queued batches>} every
 * 1,000 samples, until it is killed. It never closes anything.
 */
public final class IngestUntilKilled {

  static final String TOPIC = "/imu";
  static final String STREAM = "telemetry";

  private IngestUntilKilled() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of(args[0]);
    SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1L << 40, Durability.PROCESS);
    MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, Clock.system());
    TelemetryPipeline pipeline = pipeline(queue, ledger);
    SampleHandler handler = pipeline.handlerFor(route());
    pipeline.start();
    byte[] payload = new byte[100];
    for (long n = 1; ; n++) {
      handler.onSample(n, payload);
      if (n % 1_000 == 0) {
        System.out.println("received " + n + " batches " + queue.stats().batches());
        System.out.flush();
        Thread.sleep(1);
      }
    }
  }

  /** The pipeline both processes use: 512 KiB batches, 1 s linger, an uplink that is down. */
  static TelemetryPipeline pipeline(SqliteDurableQueue queue, MmapIntakeLedger ledger) {
    return pipeline(queue, ledger, Clock.system());
  }

  /** As {@link #pipeline(SqliteDurableQueue, MmapIntakeLedger)} on {@code clock}. */
  static TelemetryPipeline pipeline(
      SqliteDurableQueue queue, MmapIntakeLedger ledger, Clock clock) {
    return new TelemetryPipeline(
        new TelemetryPipeline.Settings(
            512 * 1024,
            Duration.ofSeconds(1),
            65_536,
            64L * 1024 * 1024,
            Duration.ofSeconds(1),
            Duration.ofMillis(100),
            Duration.ZERO),
        new BatchCodec("robot-1", "instance-1", BatchLineage.empty(), 1),
        queue,
        new DownUplink(),
        clock,
        new GatewayMetrics(new SimpleMeterRegistry()),
        Set.of(STREAM),
        ledger);
  }

  static TopicRoute route() {
    return new TopicRoute(
        TOPIC, RosTypeName.parse("sensor_msgs/msg/Imu"), STREAM, 5, Sampler.keepAll());
  }

  /** An uplink whose broker never answers. */
  static final class DownUplink implements Uplink {
    @Override
    public void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException {
      throw new UplinkException("broker unreachable", true, null);
    }

    @Override
    public UplinkState state() {
      return UplinkState.DISCONNECTED;
    }

    @Override
    public void close(Duration timeout) {}
  }
}
