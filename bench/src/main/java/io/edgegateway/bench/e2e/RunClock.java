package io.edgegateway.bench.e2e;

import java.util.concurrent.TimeUnit;

/** The time line of one run: seconds since the daemon was started, on the monotonic clock. */
final class RunClock {
  private final long originNanos = System.nanoTime();

  /** Seconds since this clock was created. */
  double now() {
    return (System.nanoTime() - originNanos) / 1e9;
  }

  /** Sleeps until {@link #now()} reaches {@code t}; returns at once if it has. */
  void sleepUntil(double t) throws InterruptedException {
    double left = t - now();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep((long) (left * 1e9));
    }
  }
}
