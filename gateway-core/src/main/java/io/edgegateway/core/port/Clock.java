package io.edgegateway.core.port;

/** Source of time for the gateway, injected so tests can control it. */
public interface Clock {
  /** Wall-clock time in nanoseconds since the Unix epoch. */
  long wallNanos();

  /** Monotonic time in nanoseconds, for measuring intervals only. */
  long monotonicNanos();

  /** Wall-clock time in milliseconds since the Unix epoch. */
  default long wallMillis() {
    return wallNanos() / 1_000_000L;
  }

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
