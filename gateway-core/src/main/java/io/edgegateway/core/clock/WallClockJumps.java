package io.edgegateway.core.clock;

import io.edgegateway.core.port.Clock;

/**
 * Detects steps of the wall clock: between two checks the wall clock should advance as much as the
 * monotonic clock; a difference beyond the threshold is a jump (someone set the time, a time daemon
 * stepped it, a VM was resumed). Not thread-safe: one watcher thread calls {@link #check}.
 */
public final class WallClockJumps {
  /** The drift beyond which a difference is a jump: 100 ms. */
  public static final long DEFAULT_THRESHOLD_NANOS = 100_000_000L;

  private final Clock clock;
  private final long thresholdNanos;
  private long lastWall;
  private long lastMono;

  /**
   * @param thresholdNanos drift beyond which wall and monotonic progress differ by a jump ({@code >
   *     0})
   */
  public WallClockJumps(Clock clock, long thresholdNanos) {
    if (thresholdNanos <= 0) {
      throw new IllegalArgumentException("thresholdNanos : " + thresholdNanos + " (expected: > 0)");
    }
    this.clock = clock;
    this.thresholdNanos = thresholdNanos;
    this.lastWall = clock.wallNanos();
    this.lastMono = clock.monotonicNanos();
  }

  /**
   * Compares the clocks' progress since the previous check (or construction) and starts the next
   * interval.
   *
   * @return the jump in nanoseconds (positive: the wall clock went forward by that much more than
   *     monotonic time; negative: backward), or 0 when the drift is within the threshold
   */
  public long check() {
    long wall = clock.wallNanos();
    long mono = clock.monotonicNanos();
    long drift = (wall - lastWall) - (mono - lastMono);
    lastWall = wall;
    lastMono = mono;
    return Math.abs(drift) > thresholdNanos ? drift : 0;
  }
}
