package io.edgegateway.ros2;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that is logged at most once per interval, with the number of occurrences suppressed
 * since the last line; for conditions that can repeat on every sample.
 */
final class RateLimitedLog {
  private static final long NEVER = Long.MIN_VALUE;

  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong lastLoggedAt = new AtomicLong(NEVER);
  private final AtomicLong suppressed = new AtomicLong();

  RateLimitedLog(Logger logger, long interval, TimeUnit unit, LongSupplier nanoTime) {
    if (interval <= 0) {
      throw new IllegalArgumentException("interval : " + interval + " (expected: > 0)");
    }
    this.logger = logger;
    this.intervalNanos = unit.toNanos(interval);
    this.nanoTime = nanoTime;
  }

  /**
   * Logs {@code format} with {@code args} at WARN unless a line was logged within the interval; the
   * suppressed count is appended as the last argument, so {@code format} ends with {@code "({}
   * suppressed)"}.
   *
   * @return true if a line was logged
   */
  boolean warn(String format, Object... args) {
    long now = nanoTime.getAsLong();
    long last = lastLoggedAt.get();
    if ((last != NEVER && now - last < intervalNanos) || !lastLoggedAt.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return false;
    }
    Object[] withCount = new Object[args.length + 1];
    System.arraycopy(args, 0, withCount, 0, args.length);
    withCount[args.length] = suppressed.getAndSet(0);
    logger.warn(format, withCount);
    return true;
  }
}
