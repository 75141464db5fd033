package io.edgegateway.core.budget;

/**
 * Bytes sent over the last {@value #SECONDS} whole seconds, for the rate {@code /v1/status}
 * reports. Pure: time comes in as monotonic nanoseconds; not thread-safe.
 */
final class RateWindow {
  static final int SECONDS = 10;

  private final long[] bytes = new long[SECONDS];
  private final long[] second = new long[SECONDS];

  void add(long n, long nowNanos) {
    long s = Math.floorDiv(nowNanos, 1_000_000_000L);
    int i = (int) Math.floorMod(s, (long) SECONDS);
    if (second[i] != s) {
      second[i] = s;
      bytes[i] = 0;
    }
    bytes[i] += n;
  }

  /** Mean bytes per second over the last {@value #SECONDS} seconds (the current one included). */
  double bytesPerSecond(long nowNanos) {
    long s = Math.floorDiv(nowNanos, 1_000_000_000L);
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (s - second[i] < SECONDS && second[i] <= s) {
        total += bytes[i];
      }
    }
    return total / (double) SECONDS;
  }
}
