package io.edgegateway.core.clock;

import io.edgegateway.core.port.Clock;

/** A clock whose wall and monotonic times move only when a test moves them, together or apart. */
final class SteppingClock implements Clock {
  private long wall;
  private long monotonic = 5_000_000_000L;

  SteppingClock(long wallNanos) {
    this.wall = wallNanos;
  }

  /** Time passes: both clocks advance by {@code nanos}. */
  void advance(long nanos) {
    wall += nanos;
    monotonic += nanos;
  }

  /**
   * Someone sets the wall clock: it moves by {@code nanos} (negative: back), monotonic does not.
   */
  void step(long nanos) {
    wall += nanos;
  }

  @Override
  public long wallNanos() {
    return wall;
  }

  @Override
  public long monotonicNanos() {
    return monotonic;
  }
}
