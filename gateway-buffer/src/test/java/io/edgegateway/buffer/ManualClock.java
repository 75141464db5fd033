package io.edgegateway.buffer;

import io.edgegateway.core.port.Clock;

/** A clock for tests that moves only when told, wall and monotonic time together. */
final class ManualClock implements Clock {
  private long nanos;

  ManualClock(long wallMillis) {
    this.nanos = wallMillis * 1_000_000L;
  }

  void advanceMillis(long millis) {
    nanos += millis * 1_000_000L;
  }

  @Override
  public long wallNanos() {
    return nanos;
  }

  @Override
  public long monotonicNanos() {
    return nanos;
  }
}
