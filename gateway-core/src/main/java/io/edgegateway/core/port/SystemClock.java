package io.edgegateway.core.port;

import java.time.Instant;

/** The {@link Clock} of a running gateway: the JVM's wall clock and monotonic nanoTime. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }
}
