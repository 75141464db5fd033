package io.edgegateway.core.clock;

import java.util.Objects;

/**
 * One snapshot of the wall clock's health, replaced as a whole (a volatile reference) by whoever
 * watches the clock and read once per sealed batch and per status request.
 *
 * @param source what synchronises the clock as far as it can be seen ({@code chronyd}, {@code
 *     ptp4l}, ...), {@code unknown} when nothing is seen or the kernel state cannot be read, {@code
 *     none} when nothing is seen and the kernel says unsynchronised
 * @param synchronised the kernel says something disciplines the clock; false when it cannot say
 * @param maxErrorNanos the kernel's bound on the clock's error; negative when unknown
 * @param estimatedErrorNanos the synchronising daemon's estimate of the error; negative when
 *     unknown
 * @param jumps wall-clock jumps detected since the watcher started
 * @param lastJumpNanos size of the latest jump, positive forward, negative backward; 0 before any
 */
public record ClockStatus(
    String source,
    boolean synchronised,
    long maxErrorNanos,
    long estimatedErrorNanos,
    long jumps,
    long lastJumpNanos) {
  private static final ClockStatus UNKNOWN = new ClockStatus("unknown", false, -1, -1, 0, 0);

  public ClockStatus {
    Objects.requireNonNull(source, "source");
    if (jumps < 0) {
      throw new IllegalArgumentException("jumps : " + jumps + " (expected: >= 0)");
    }
  }

  /** Nothing known about the clock: source {@code unknown}, not synchronised, no errors known. */
  public static ClockStatus unknown() {
    return UNKNOWN;
  }

  /** This status with one more jump of {@code nanos}. */
  public ClockStatus withJump(long nanos) {
    return new ClockStatus(
        source, synchronised, maxErrorNanos, estimatedErrorNanos, jumps + 1, nanos);
  }

  /** The maximum error in seconds, NaN when unknown. */
  public double maxErrorSeconds() {
    return maxErrorNanos < 0 ? Double.NaN : maxErrorNanos / 1e9;
  }

  /** The estimated error in seconds, NaN when unknown. */
  public double estimatedErrorSeconds() {
    return estimatedErrorNanos < 0 ? Double.NaN : estimatedErrorNanos / 1e9;
  }
}
