package io.edgegateway.core.sampling;

/**
 * Keeps a sample when at least one period has passed since the last kept one. The next allowed
 * instant advances by whole periods so the kept rate converges to {@code hz} without drifting.
 */
final class MaxRateSampler implements Sampler {
  private final long periodNanos;
  private long nextAllowedNanos;
  private boolean started;

  MaxRateSampler(double hz) {
    if (!(hz > 0) || Double.isInfinite(hz)) {
      throw new IllegalArgumentException("max_rate_hz : " + hz + " (expected: > 0)");
    }
    this.periodNanos = Math.max(1L, (long) (1_000_000_000L / hz));
  }

  @Override
  public boolean accept(long monotonicNanos) {
    if (!started) {
      started = true;
      nextAllowedNanos = monotonicNanos + periodNanos;
      return true;
    }
    if (monotonicNanos - nextAllowedNanos < 0) {
      return false;
    }
    nextAllowedNanos += periodNanos;
    if (monotonicNanos - nextAllowedNanos >= 0) {
      // Fell behind by more than one period (e.g. publisher paused): restart from now.
      nextAllowedNanos = monotonicNanos + periodNanos;
    }
    return true;
  }

  @Override
  public String dropReason() {
    return "max_rate";
  }
}
