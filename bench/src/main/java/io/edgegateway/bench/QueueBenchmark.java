package io.edgegateway.bench;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.StoredBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmark of {@link SqliteDurableQueue}: appending one sealed humanoid-1 telemetry batch, and
 * one full cycle of append, read oldest and acknowledge (the steady state of a healthy uplink).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueBenchmark {
  /** Durability level of the queue. */
  @Param({"PROCESS", "POWER"})
  public Durability durability;

  private Path dir;
  private SqliteDurableQueue queue;
  private SealedBatch template;
  private long seq;

  /** Opens an empty queue in a fresh temporary directory. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("eg-bench-queue");
    queue = SqliteDurableQueue.open(dir, 1L << 30, durability);
    BatchCodec codec =
        new BatchCodec("bench-robot", "bench", new BatchLineage("fw", "m", "run", Map.of()), 3);
    template = codec.seal("telemetry", 1, 5, HumanoidLoad.ORIGIN_NS, HumanoidLoad.telemetry(0.1));
    seq = 0;
  }

  /** Closes the queue and deletes its directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    queue.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(QueueBenchmark::delete);
    }
  }

  /** Appends one batch (one SQLite transaction); the queue grows during the measurement. */
  @Benchmark
  public void append() {
    queue.append(next());
  }

  /** Appends one batch, reads the oldest pending batches and acknowledges them. */
  @Benchmark
  public int appendReadAcknowledge() {
    queue.append(next());
    List<StoredBatch> oldest = queue.oldest(64, 32L << 20);
    queue.acknowledge(oldest);
    return oldest.size();
  }

  private SealedBatch next() {
    seq++;
    return new SealedBatch(
        template.stream(),
        seq,
        template.priority(),
        template.sealedAtMillis(),
        template.records(),
        template.firstStampNs(),
        template.lastStampNs(),
        template.uncompressedBytes(),
        template.payload());
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
