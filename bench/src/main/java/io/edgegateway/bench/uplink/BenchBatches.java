package io.edgegateway.bench.uplink;

import io.edgegateway.bench.HumanoidLoad;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real batch values for the uplink benchmark: humanoid-1 telemetry cut into batches of {@code
 * maxBatchBytes} sample bytes (the daemon's {@code buffer.batch.max_bytes}) and sealed by the real
 * {@link BatchCodec}; {@link #backlog} repeats them (with increasing {@code batch_seq}) up to a
 * total size.
 */
final class BenchBatches {
  static final String STREAM = "telemetry";

  private final List<SealedBatch> templates;

  private BenchBatches(List<SealedBatch> templates) {
    this.templates = templates;
  }

  /** Seals {@code seconds} of humanoid-1 telemetry in batches of {@code maxBatchBytes}. */
  static BenchBatches humanoid(double seconds, long maxBatchBytes) {
    BatchCodec codec =
        new BatchCodec("bench-robot", "bench", new BatchLineage("fw", "m", "run", Map.of()), 3);
    List<SealedBatch> out = new ArrayList<>();
    List<Envelope> batch = new ArrayList<>();
    long bytes = 0;
    for (Envelope e : HumanoidLoad.telemetry(seconds)) {
      batch.add(e);
      bytes += e.payload().length;
      if (bytes >= maxBatchBytes) {
        out.add(codec.seal(STREAM, out.size() + 1, 5, e.receiveStampNs(), batch));
        batch = new ArrayList<>();
        bytes = 0;
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "seconds : " + seconds + " (expected: at least one batch)");
    }
    return new BenchBatches(List.copyOf(out));
  }

  /** The templates' values repeated until {@code totalBytes}, with {@code batch_seq} 1, 2, .... */
  List<SealedBatch> backlog(long totalBytes) {
    List<SealedBatch> out = new ArrayList<>();
    long sum = 0;
    while (sum < totalBytes) {
      SealedBatch t = templates.get(out.size() % templates.size());
      out.add(
          new SealedBatch(
              t.stream(),
              out.size() + 1,
              t.priority(),
              t.sealedAtMillis(),
              t.records(),
              t.firstStampNs(),
              t.lastStampNs(),
              t.uncompressedBytes(),
              t.payload(),
              t.topics()));
      sum += t.payload().length;
    }
    return out;
  }

  /** Mean value size of the templates, bytes. */
  long meanValueBytes() {
    long sum = 0;
    for (SealedBatch t : templates) {
      sum += t.payload().length;
    }
    return sum / templates.size();
  }
}
