package io.edgegateway.bench.uplink;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.uplink.KafkaUplink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One drain of the gateway's real uplink path: a fresh SQLite queue is filled with the batches (not
 * timed), then a {@link TelemetryPipeline} with a {@link KafkaUplink} (its own robot id, so nothing
 * is reconciled away) delivers them; timed from the sender's first {@code deliver} call to the
 * delivery listener hearing of the last batch (committed and deleted from the queue).
 */
final class GatewayDrain {
  /** What one drain measured; {@code deliverSeconds}: time spent inside {@code deliver}. */
  record Result(double seconds, int deliveries, double deliverSeconds) {}

  private GatewayDrain() {}

  static Result run(
      Path dir,
      String bootstrap,
      Map<String, String> clientProperties,
      String topic,
      String checkpointTopic,
      String robotId,
      List<SealedBatch> batches)
      throws InterruptedException {
    Path data = dir.resolve(robotId);
    try {
      Files.createDirectories(data);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Clock clock = Clock.system();
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(data, 8L << 30, Durability.PROCESS)) {
      for (SealedBatch b : batches) {
        queue.append(b);
      }
      KafkaUplink kafka =
          KafkaUplink.create(
              robotId,
              bootstrap,
              clientProperties,
              Map.of(BenchBatches.STREAM, topic),
              checkpointTopic);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (kafka.state() != Uplink.UplinkState.CONNECTED) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("uplink not connected within 60 s: " + kafka.state());
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      TimedUplink timed = new TimedUplink(kafka);
      CountDownLatch done = new CountDownLatch(1);
      AtomicInteger delivered = new AtomicInteger();
      AtomicLong endNs = new AtomicLong();
      TelemetryPipeline pipeline =
          new TelemetryPipeline(
              new TelemetryPipeline.Settings(
                  256 * 1024,
                  Duration.ofMillis(200),
                  65_536,
                  64L << 20,
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(10),
                  Duration.ZERO),
              new BatchCodec(robotId, "bench", new BatchLineage("fw", "m", "run", Map.of()), 3),
              queue,
              timed,
              clock,
              new GatewayMetrics(new SimpleMeterRegistry()),
              List.of(BenchBatches.STREAM));
      pipeline.addDeliveryListener(
          d -> {
            if (delivered.addAndGet(d.size()) >= batches.size()) {
              endNs.set(System.nanoTime());
              done.countDown();
            }
          });
      pipeline.start();
      try {
        if (!done.await(600, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "drain incomplete after 600 s: " + delivered.get() + " of " + batches.size());
        }
      } finally {
        pipeline.close();
        kafka.close(Duration.ofSeconds(5));
      }
      return new Result(
          (endNs.get() - timed.firstCallNs()) / 1e9, timed.calls(), timed.insideNs() / 1e9);
    }
  }

  /** Delegates to the uplink, noting when the first delivery started and how many there were. */
  private static final class TimedUplink implements Uplink {
    private final Uplink delegate;
    private final AtomicLong firstNs = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong insideNs = new AtomicLong();

    TimedUplink(Uplink delegate) {
      this.delegate = delegate;
    }

    @Override
    public void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException {
      firstNs.compareAndSet(0, System.nanoTime());
      calls.incrementAndGet();
      long start = System.nanoTime();
      try {
        delegate.deliver(batches, timeout);
      } finally {
        insideNs.addAndGet(System.nanoTime() - start);
      }
    }

    @Override
    public Map<String, Long> committedCheckpoints(Duration timeout) throws UplinkException {
      return delegate.committedCheckpoints(timeout);
    }

    @Override
    public UplinkState state() {
      return delegate.state();
    }

    @Override
    public void close(Duration timeout) {
      delegate.close(timeout);
    }

    long firstCallNs() {
      return firstNs.get();
    }

    int calls() {
      return calls.get();
    }

    long insideNs() {
      return insideNs.get();
    }
  }
}
