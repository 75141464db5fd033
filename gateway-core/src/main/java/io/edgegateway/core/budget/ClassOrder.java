package io.edgegateway.core.budget;

import io.edgegateway.core.port.StreamHead;
import java.time.Duration;
import java.util.Comparator;

/**
 * The order in which streams share a budgeted link: by {@link UplinkClass} (incidents, live,
 * backlog), then by the stream's highest waiting priority (9 first), then by the age of its oldest
 * waiting batch (oldest first). Whole streams are ordered, never single batches: a stream's batches
 * must reach Kafka in {@code batch_seq} order (see {@link StreamHead}), so fresh batches of a
 * stream with a backlog wait behind that backlog, and "backlog last" holds across streams.
 */
public final class ClassOrder {
  private ClassOrder() {}

  /** The order at {@code nowMillis} (wall ms). */
  public static Comparator<StreamHead> at(long nowMillis, Duration backlogAfter) {
    Comparator<StreamHead> byClass =
        Comparator.comparing(
            h -> UplinkClass.of(h.stream(), h.headSealedAtMillis(), nowMillis, backlogAfter));
    return byClass
        .thenComparing(Comparator.comparingInt(StreamHead::maxPriority).reversed())
        .thenComparingLong(StreamHead::headId)
        .thenComparing(StreamHead::stream);
  }
}
