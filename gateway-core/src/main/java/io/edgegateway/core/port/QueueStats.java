package io.edgegateway.core.port;

import java.util.Map;

/**
 * A snapshot of the durable queue.
 *
 * @param batches batches waiting for upload
 * @param bytes payload bytes waiting for upload
 * @param oldestSealedAtMillis seal time of the oldest waiting batch, 0 when empty
 * @param streams the same per stream
 * @param evictedBatches batches evicted since the queue was opened, by reason (e.g. {@code quota})
 */
public record QueueStats(
    long batches,
    long bytes,
    long oldestSealedAtMillis,
    Map<String, StreamStats> streams,
    Map<String, Long> evictedBatches) {

  public QueueStats {
    streams = Map.copyOf(streams);
    evictedBatches = Map.copyOf(evictedBatches);
  }

  /** Per-stream part of {@link QueueStats}. */
  public record StreamStats(
      long batches, long bytes, long oldestSealedAtMillis, long lastBatchSeq) {}
}
