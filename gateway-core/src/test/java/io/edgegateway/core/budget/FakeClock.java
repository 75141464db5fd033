package io.edgegateway.core.budget;

import io.edgegateway.core.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told: wall and monotonic time advance together. */
public final class FakeClock implements Clock {
  private final AtomicLong wallNanos;
  private final AtomicLong monoNanos = new AtomicLong(1_000_000_000L);

  public FakeClock(Instant start) {
    this.wallNanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  public void advance(Duration d) {
    advanceNanos(d.toNanos());
  }

  public void advanceNanos(long nanos) {
    wallNanos.addAndGet(nanos);
    monoNanos.addAndGet(nanos);
  }

  @Override
  public long wallNanos() {
    return wallNanos.get();
  }

  @Override
  public long monotonicNanos() {
    return monoNanos.get();
  }
}
