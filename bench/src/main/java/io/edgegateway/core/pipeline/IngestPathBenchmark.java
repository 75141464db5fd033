package io.edgegateway.core.pipeline;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.ledger.InMemoryIntakeLedger;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of the per-sample ingest path, from the DDS listener's hand-off (the sample's bytes
 * in the native-backed receive buffer, copied out as {@code FastDdsSubscription} does) through
 * {@link TopicChannel} (stamp, seq, ledger, sampler) and the {@link Intake} into the {@link
 * BatchingLoop}. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per
 * sample, by every thread of the JVM.
 *
 * <p>{@code handOff}: listener side only (the intake is emptied in the same op). {@code
 * handOffAndBatch}: the batcher takes the samples too, in rounds of {@value #BURST}, and seals 256
 * KiB batches (protobuf + zstd) into a queue that keeps nothing, so sealing's cost and allocation
 * are amortized per sample. {@code seal}: {@code BatchCodec.seal} of one batch of Imu samples, per
 * sample. It lives in the core's package (a split package on the bench's class path) to reach the
 * package-private pipeline classes without widening their API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IngestPathBenchmark {
  /** An Imu-sized sample (320 B), encapsulation header included. */
  private static final int SAMPLE_BYTES = 320;

  /** Samples per batcher round: more than half a 256 KiB batch, so the round does not wait. */
  static final int BURST = 512;

  /** Samples per batch of {@link #seal}. */
  static final int SEAL_SAMPLES = 400;

  private long batchSeq;

  private ByteBuffer receiveBuffer;
  private TopicChannel channel;
  private Intake intake;
  private final Intake.Item item = new Intake.Item();
  private BatchingLoop batcher;
  private long stamp;
  private BatchCodec codec;
  private final List<Envelope> batchOfImu = new ArrayList<>();

  /** Builds the channel, intake and batcher of one keep-all telemetry topic. */
  @Setup
  public void setUp() {
    receiveBuffer = ByteBuffer.allocateDirect(SAMPLE_BYTES + 3);
    for (int i = 0; i < SAMPLE_BYTES; i++) {
      receiveBuffer.put(i, (byte) (i * 31));
    }
    receiveBuffer.put(1, (byte) 1); // CDR little endian
    Clock clock = Clock.system();
    GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
    TopicRoute route =
        new TopicRoute(
            "/imu", RosTypeName.parse("sensor_msgs/msg/Imu"), "telemetry", 5, Sampler.keepAll());
    intake = new Intake(100_000, 64L * 1024 * 1024, clock);
    channel =
        new TopicChannel(
            route,
            intake,
            clock,
            new InMemoryIntakeLedger().slot(new TopicKey("telemetry", "/imu")),
            metrics.busReceived("/imu"),
            metrics.samplerDropped("/imu", "keep_all"),
            metrics.samplerDropped("/imu", "intake_full"),
            metrics.sourceSkew("/imu"));
    codec = new BatchCodec("bench-robot", "bench", BatchLineage.empty(), 3);
    for (int i = 0; i < SEAL_SAMPLES; i++) {
      byte[] payload = copyOut();
      payload[8] = (byte) i;
      batchOfImu.add(
          new Envelope(
              "/imu",
              "sensor_msgs/msg/Imu",
              1_765_000_000_000L + i,
              1_765_000_000_001L + i,
              i + 1,
              payload));
    }
    batcher =
        new BatchingLoop(
            intake,
            codec,
            new DiscardingQueue(),
            clock,
            metrics,
            256 * 1024,
            TimeUnit.MILLISECONDS.toNanos(200),
            () -> {},
            new SeqFloors());
    stamp = 1_765_000_000_000_000_000L;
  }

  /** One sample from the listener into the intake, taken out again at once. */
  @Benchmark
  public Object handOff() throws InterruptedException {
    channel.onSample(stamp += 1000, copyOut());
    return intake.poll(0, item) ? item : intake;
  }

  /**
   * {@value #BURST} samples from the listener into the batcher (one batcher round, as when it wakes
   * for half a batch), with their share of sealing; scores are per sample.
   */
  @Benchmark
  @OperationsPerInvocation(BURST)
  public int handOffAndBatch() throws InterruptedException {
    for (int i = 0; i < BURST; i++) {
      channel.onSample(stamp += 1000, copyOut());
    }
    batcher.runOnce();
    return intake.size();
  }

  /**
   * Sealing alone: one batch of {@value #SEAL_SAMPLES} Imu samples (about 128 KiB) encoded,
   * compressed (zstd -3) and handed back, as {@code BatchingLoop} does; scores are per sample.
   */
  @Benchmark
  @OperationsPerInvocation(SEAL_SAMPLES)
  public SealedBatch seal() {
    return codec.seal("telemetry", ++batchSeq, 5, stamp, batchOfImu);
  }

  /** What {@code RawSample.copyReceived(length)} does on the listener thread. */
  private byte[] copyOut() {
    byte[] copy = new byte[SAMPLE_BYTES];
    receiveBuffer.get(0, copy, 0, SAMPLE_BYTES);
    return copy;
  }

  /** A durable queue that accepts every batch and keeps none. */
  private static final class DiscardingQueue implements DurableQueue {
    @Override
    public long lastBatchSeq(String stream) {
      return 0;
    }

    @Override
    public void append(SealedBatch batch) {}

    @Override
    public List<StoredBatch> oldest(int maxBatches, long maxBytes) {
      return List.of();
    }

    @Override
    public void acknowledge(List<StoredBatch> delivered) {}

    @Override
    public int dropThrough(String stream, long batchSeq) {
      return 0;
    }

    @Override
    public QueueStats stats() {
      throw new UnsupportedOperationException("not used by the batcher");
    }

    @Override
    public void close() {}
  }
}
