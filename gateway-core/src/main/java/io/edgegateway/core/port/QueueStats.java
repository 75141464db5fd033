package io.edgegateway.core.port;

import java.util.Map;

/**
 * A snapshot of the durable queue.
 *
 * @param batches batches waiting for upload
 * @param bytes payload bytes waiting for upload
 * @param oldestSealedAtMillis seal time of the oldest waiting batch, 0 when empty
 * @param streams the same per stream
 * @param evictedBatches batches evicted since the queue was opened, by reason (e.g. {@code quota},
 *     {@code ttl}, {@code disk_full}); the sum over {@link StreamStats#evictedBatches()}
 * @param quarantinedFiles queue files found corrupt and moved aside when the queue was opened (for
 *     an inspection of a queue that is not open: 1 if its file would be moved aside at next open)
 */
public record QueueStats(
    long batches,
    long bytes,
    long oldestSealedAtMillis,
    Map<String, StreamStats> streams,
    Map<String, Long> evictedBatches,
    long quarantinedFiles) {

  public QueueStats {
    streams = Map.copyOf(streams);
    evictedBatches = Map.copyOf(evictedBatches);
  }

  /** A snapshot with nothing quarantined. */
  public QueueStats(
      long batches,
      long bytes,
      long oldestSealedAtMillis,
      Map<String, StreamStats> streams,
      Map<String, Long> evictedBatches) {
    this(batches, bytes, oldestSealedAtMillis, streams, evictedBatches, 0);
  }

  /**
   * Per-stream part of {@link QueueStats}.
   *
   * @param evictedBatches batches of this stream evicted since the queue was opened, by reason
   */
  public record StreamStats(
      long batches,
      long bytes,
      long oldestSealedAtMillis,
      long lastBatchSeq,
      Map<String, Long> evictedBatches) {

    public StreamStats {
      evictedBatches = Map.copyOf(evictedBatches);
    }

    /** Per-stream stats with no evictions. */
    public StreamStats(long batches, long bytes, long oldestSealedAtMillis, long lastBatchSeq) {
      this(batches, bytes, oldestSealedAtMillis, lastBatchSeq, Map.of());
    }
  }
}
