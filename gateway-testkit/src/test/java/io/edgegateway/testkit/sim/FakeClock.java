package io.edgegateway.testkit.sim;

import io.edgegateway.core.port.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test advances it. */
final class FakeClock implements Clock {
  private final AtomicLong wall;
  private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);

  FakeClock(long wallNanos) {
    wall = new AtomicLong(wallNanos);
  }

  void advance(Duration d) {
    advanceNanos(d.toNanos());
  }

  void advanceNanos(long nanos) {
    wall.addAndGet(nanos);
    monotonic.addAndGet(nanos);
  }

  @Override
  public long wallNanos() {
    return wall.get();
  }

  @Override
  public long monotonicNanos() {
    return monotonic.get();
  }
}
