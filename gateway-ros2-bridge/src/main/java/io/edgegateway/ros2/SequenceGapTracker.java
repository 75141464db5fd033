package io.edgegateway.ros2;

import java.util.HashMap;
import java.util.Map;
import us.ihmc.pubsub.common.Guid;

/**
 * Counts the samples missing from each writer's sequence numbers as one reader takes them: a writer
 * numbers its changes 1, 2, 3, …, so a reader that takes 7 after 4 lost 5 and 6 before they reached
 * it (socket-buffer overflow, reader history overrun, a sample dropped inside Fast-DDS).
 *
 * <p>The first sample of a writer sets its baseline; what the writer sent before it ({@code n − 1}
 * for a first sequence number {@code n}) is reported apart, by {@link #beforeFirst}, because it was
 * written before this reader matched (a late joiner), not dropped on the way. A sequence number at
 * or below the last one (a duplicate, a reordered best-effort sample) is ignored. Losses after a
 * writer's last taken sample are not seen. Not thread-safe: one taker at a time (the subscription's
 * take flag orders the calls). Allocates only when a new writer appears; at most {@link
 * #MAX_WRITERS} writers are remembered (beyond that the table is cleared, which only costs the next
 * sample of each writer its baseline).
 */
final class SequenceGapTracker {
  static final int MAX_WRITERS = 1024;

  private final Map<Guid, long[]> lastByWriter = new HashMap<>();
  private long beforeFirst;
  private boolean forgotten;

  /**
   * Records that {@code sequenceNumber} of {@code writer} was taken.
   *
   * @param writer the writer's GUID; copied when first seen, so a reused instance may be passed
   * @return the samples missing between this and the writer's previous one, 0 when none
   */
  long observe(Guid writer, long sequenceNumber) {
    long[] last = lastByWriter.get(writer);
    if (last == null) {
      if (lastByWriter.size() >= MAX_WRITERS) {
        lastByWriter.clear();
        forgotten = true;
      }
      Guid copy = new Guid();
      copy.set(writer);
      lastByWriter.put(copy, new long[] {sequenceNumber});
      beforeFirst = forgotten ? 0 : sequenceNumber - 1;
      return 0;
    }
    beforeFirst = 0;
    long previous = last[0];
    if (sequenceNumber <= previous) {
      return 0;
    }
    last[0] = sequenceNumber;
    return sequenceNumber - previous - 1;
  }

  /**
   * What the writer of the last {@link #observe}d sample sent before this reader took its first
   * sample: {@code n − 1} when that sample was the writer's first one seen with sequence number
   * {@code n}, else 0 (and always 0 once the table was cleared, since a writer seen again is not
   * new).
   */
  long beforeFirst() {
    return beforeFirst;
  }

  /** Writers currently remembered. */
  int writers() {
    return lastByWriter.size();
  }
}
