package io.edgegateway.core.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-stream lower bounds for new batch sequence numbers, raised by start-up reconciliation when
 * the remote end committed sequences the local queue never saw (e.g. the data dir was replaced).
 * Written by the sender thread, read by the batcher thread.
 */
final class SeqFloors {
  private final Map<String, Long> floors = new ConcurrentHashMap<>();

  /** The highest sequence the next batch of {@code stream} must be above; 0 if none. */
  long floor(String stream) {
    return floors.getOrDefault(stream, 0L);
  }

  /** Raises the floor of {@code stream} to at least {@code seq}. */
  void raise(String stream, long seq) {
    floors.merge(stream, seq, Math::max);
  }
}
