package io.edgegateway.core.budget;

/**
 * A token bucket of bytes: fills at {@code ratePerSecond} up to {@code capacity}, starts full. A
 * send of {@code n} bytes is admitted when the bucket holds {@code n}; a send larger than the whole
 * bucket is admitted when the bucket is full and leaves it in debt, which the rate pays back before
 * the next send, so the long-run rate holds either way. Pure: time comes in as monotonic
 * nanoseconds; not thread-safe.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  /** Rounding slack of the refill arithmetic (doubles), far below one byte. */
  private static final double SLACK = 1e-6;

  private final long ratePerSecond;
  private final long capacity;
  private double tokens;
  private long atNanos;

  TokenBucket(long ratePerSecond, long capacity, double tokens, long nowNanos) {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("ratePerSecond : " + ratePerSecond + " (expected: >= 1)");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity : " + capacity + " (expected: >= 1)");
    }
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.tokens = Math.min(capacity, tokens);
    this.atNanos = nowNanos;
  }

  /** A full bucket. */
  static TokenBucket full(long ratePerSecond, long capacity, long nowNanos) {
    return new TokenBucket(ratePerSecond, capacity, capacity, nowNanos);
  }

  long capacity() {
    return capacity;
  }

  long ratePerSecond() {
    return ratePerSecond;
  }

  /** Tokens held now; negative while in debt. */
  double tokens(long nowNanos) {
    refill(nowNanos);
    return tokens;
  }

  /** Whole bytes that may go now, 0 when empty or in debt. */
  long available(long nowNanos) {
    refill(nowNanos);
    return tokens <= 0 ? 0 : (long) Math.floor(tokens + SLACK);
  }

  /** Whether {@code bytes} may go now. */
  boolean admits(long bytes, long nowNanos) {
    refill(nowNanos);
    return tokens + SLACK >= Math.min(bytes, capacity);
  }

  /** Takes {@code bytes} (sent); the bucket may go into debt. */
  void take(long bytes, long nowNanos) {
    refill(nowNanos);
    tokens -= bytes;
  }

  /** How long until {@link #admits} {@code bytes}; 0 if it does now. */
  long nanosUntil(long bytes, long nowNanos) {
    refill(nowNanos);
    double missing = Math.min(bytes, capacity) - tokens;
    if (missing <= SLACK) {
      return 0;
    }
    return (long) Math.ceil(missing * NANOS_PER_SECOND / ratePerSecond);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - atNanos;
    if (elapsed <= 0) {
      return;
    }
    tokens = Math.min(capacity, tokens + elapsed * (double) ratePerSecond / NANOS_PER_SECOND);
    atNanos = nowNanos;
  }
}
