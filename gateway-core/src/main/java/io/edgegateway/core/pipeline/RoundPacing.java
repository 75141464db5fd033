package io.edgegateway.core.pipeline;

import io.edgegateway.core.port.Clock;
import java.time.Duration;

/**
 * How often the sender starts a round when there is no backlog: after a round of less than {@link
 * #SMALL_ROUND_BYTES} the next one starts no sooner than {@code interval} after it began, so at
 * humanoid-1's rate the sender commits a few transactions a second instead of one per appended
 * batch (~15 a second with 200 ms batches on three streams), each of which costs its Kafka round
 * trips, its checkpoint record and its queue read and delete. A round of at least that size (a
 * backlog) is followed by the next at once. The wait adds at most {@code interval} to the upload
 * lag. Not thread-safe: the sender's thread only.
 */
final class RoundPacing {
  /**
   * Rounds smaller than this are paced: half the smallest bound {@link RoundSize} gives a round, so
   * a round that its bound cut short (a backlog) never is.
   */
  static final long SMALL_ROUND_BYTES = 512L << 10;

  private final Clock clock;
  private final long intervalNanos;
  private boolean due;
  private long nextStartNanos;

  /**
   * @param interval the shortest time between the starts of two rounds after a small one; {@link
   *     Duration#ZERO} for none
   */
  RoundPacing(Clock clock, Duration interval) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("interval : " + interval + " (expected: >= 0)");
    }
  }

  /**
   * A round that began at {@code startNanos} (the clock's monotonic time) delivered {@code bytes}.
   */
  void delivered(long startNanos, long bytes) {
    if (intervalNanos > 0 && bytes < SMALL_ROUND_BYTES) {
      due = true;
      nextStartNanos = startNanos + intervalNanos;
    }
  }

  /**
   * Nanoseconds to wait before the next round starts; asked once per round (a second call returns
   * 0, so a clock that does not move cannot hold the sender).
   */
  long waitNanos() {
    if (!due) {
      return 0;
    }
    due = false;
    return Math.max(0, nextStartNanos - clock.monotonicNanos());
  }
}
