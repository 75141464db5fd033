package io.edgegateway.bench;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchFormatException;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of {@link BatchCodec}: sealing (protobuf encode + zstd) and decoding one batch of
 * 100 ms of humanoid-1 telemetry (joint states, IMUs, force/torque; 650 samples, 176 KB of CDR).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  /** zstd level of the codec. */
  @Param({"3"})
  public int level;

  /** Whether the codec uses the columnar {@code DELTA_SHUFFLE} payload encoding. */
  @Param({"false", "true"})
  public boolean columnar;

  private BatchCodec codec;
  private List<Envelope> envelopes;
  private byte[] sealed;

  /** Generates the batch and seals it once for the decode benchmark. */
  @Setup
  public void setUp() {
    codec =
        new BatchCodec(
            "bench-robot", "bench", new BatchLineage("fw", "m", "run", Map.of()), level, columnar);
    envelopes = HumanoidLoad.telemetry(0.1);
    sealed = seal().payload();
  }

  /** Encodes and compresses one batch. */
  @Benchmark
  public SealedBatch seal() {
    return codec.seal("telemetry", 1, 5, HumanoidLoad.ORIGIN_NS, envelopes);
  }

  /** Decompresses and parses one batch. */
  @Benchmark
  public TelemetryBatch decode() throws BatchFormatException {
    return BatchCodec.decode(sealed);
  }
}
