package io.edgegateway.buffer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Batches and payload bytes waiting in the queue, in total and per stream, kept in memory so that
 * an append never has to sum over the table. Not thread-safe: the owner guards it.
 */
final class RunningTotals {

  /** Batches and payload bytes of one stream. */
  static final class Depth {
    private long batches;
    private long bytes;

    long batches() {
      return batches;
    }

    long bytes() {
      return bytes;
    }
  }

  private final Map<String, Depth> byStream = new TreeMap<>();
  private long batches;
  private long bytes;

  /** Counts {@code addedBatches} more batches of {@code addedBytes} in total for {@code stream}. */
  void add(String stream, long addedBatches, long addedBytes) {
    Depth depth = byStream.computeIfAbsent(stream, s -> new Depth());
    depth.batches += addedBatches;
    depth.bytes += addedBytes;
    batches += addedBatches;
    bytes += addedBytes;
  }

  /** Stops counting one batch of {@code batchBytes} of {@code stream}. */
  void remove(String stream, long batchBytes) {
    add(stream, -1, -batchBytes);
  }

  void clear() {
    byStream.clear();
    batches = 0;
    bytes = 0;
  }

  long batches() {
    return batches;
  }

  long bytes() {
    return bytes;
  }

  /** Streams seen so far, in name order; a stream whose batches were all removed stays. */
  Map<String, Depth> byStream() {
    return Collections.unmodifiableMap(byStream);
  }
}
