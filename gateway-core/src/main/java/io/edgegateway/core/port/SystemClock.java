package io.edgegateway.core.port;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The {@link Clock} of a running gateway: the JVM's wall clock and monotonic nanoTime, read without
 * allocating.
 *
 * <p>Implementation notes: {@code Instant.now()} allocates an {@code Instant} per call, once per
 * received sample on the bus thread. Here the wall clock is {@code System.nanoTime()} plus an
 * offset calibrated from {@code Instant.now()} (nanosecond resolution where the OS has it). Every
 * call checks the result against {@code System.currentTimeMillis()} (no allocation); when it is off
 * by more than {@link #TOLERANCE_NANOS} (the wall clock was stepped, or drifted from the monotonic
 * clock) the offset is calibrated again. So a reading is within 1 ms of the system wall clock (plus
 * the millisecond truncation of {@code currentTimeMillis}), and between two calibrations the
 * difference of two readings is exactly the monotonic clock's. Calibration is racy but benign:
 * every thread computes a valid offset.
 */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE =
      new SystemClock(System::nanoTime, System::currentTimeMillis, SystemClock::instantNanos);

  /** How far a reading may be from {@code currentTimeMillis} before the offset is recalibrated. */
  static final long TOLERANCE_NANOS = 1_000_000L;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final LongSupplier nanoTime;
  private final LongSupplier currentTimeMillis;
  private final LongSupplier wallNanosPrecise;
  private volatile long offsetNanos;

  /**
   * @param nanoTime the monotonic clock
   * @param currentTimeMillis the wall clock in ms, cheap and allocation-free
   * @param wallNanosPrecise the wall clock in ns, read only to calibrate
   */
  SystemClock(
      LongSupplier nanoTime, LongSupplier currentTimeMillis, LongSupplier wallNanosPrecise) {
    this.nanoTime = nanoTime;
    this.currentTimeMillis = currentTimeMillis;
    this.wallNanosPrecise = wallNanosPrecise;
    this.offsetNanos = calibrate();
  }

  @Override
  public long wallNanos() {
    long wall = nanoTime.getAsLong() + offsetNanos;
    long millisNanos = currentTimeMillis.getAsLong() * NANOS_PER_MILLI;
    // the true wall time is in [millisNanos, millisNanos + 1 ms)
    if (wall < millisNanos - TOLERANCE_NANOS
        || wall >= millisNanos + NANOS_PER_MILLI + TOLERANCE_NANOS) {
      long offset = calibrate();
      offsetNanos = offset;
      wall = nanoTime.getAsLong() + offset;
    }
    return wall;
  }

  @Override
  public long monotonicNanos() {
    return nanoTime.getAsLong();
  }

  private long calibrate() {
    long before = nanoTime.getAsLong();
    long wall = wallNanosPrecise.getAsLong();
    long after = nanoTime.getAsLong();
    return wall - (before + (after - before) / 2);
  }

  private static long instantNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
