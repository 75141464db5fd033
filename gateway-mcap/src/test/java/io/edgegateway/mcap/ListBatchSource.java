package io.edgegateway.mcap;

import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.BatchSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A {@link BatchSource} over batches in memory: one batch per poll. */
final class ListBatchSource implements BatchSource {
  private final Deque<TelemetryBatch> left;
  private final int total;

  ListBatchSource(List<TelemetryBatch> batches) {
    this.left = new ArrayDeque<>(batches);
    this.total = batches.size();
  }

  @Override
  public List<TelemetryBatch> poll(Duration timeout) {
    TelemetryBatch b = left.poll();
    return b == null ? List.of() : List.of(b);
  }

  @Override
  public boolean exhausted() {
    return left.isEmpty();
  }

  @Override
  public double fractionRead() {
    return total == 0 ? 1.0 : (total - left.size()) / (double) total;
  }

  @Override
  public void close() {}
}
