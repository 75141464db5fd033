package io.edgegateway.uplink;

import java.util.HashMap;
import java.util.Map;

/**
 * Follows {@code batch_seq} per (robot id, stream) and classifies each observation against the
 * largest one seen so far. The first observation of a pair is never a gap: a reader may start in
 * the middle of a stream.
 */
final class SequenceTracker {
  /** How one {@code batch_seq} relates to the ones seen before it. */
  enum Observation {
    FIRST,
    NEXT,
    /** {@code batch_seq <= max seen}. */
    DUPLICATE,
    /** {@code batch_seq > max seen + 1}. */
    GAP
  }

  private record Key(String robotId, String stream) {}

  private final Map<Key, Long> maxSeen = new HashMap<>();

  Observation observe(String robotId, String stream, long batchSeq) {
    Key key = new Key(robotId, stream);
    Long max = maxSeen.get(key);
    if (max == null) {
      maxSeen.put(key, batchSeq);
      return Observation.FIRST;
    }
    if (batchSeq <= max) {
      return Observation.DUPLICATE;
    }
    maxSeen.put(key, batchSeq);
    return batchSeq == max + 1 ? Observation.NEXT : Observation.GAP;
  }
}
