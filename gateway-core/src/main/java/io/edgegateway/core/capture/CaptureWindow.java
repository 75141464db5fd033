package io.edgegateway.core.capture;

import java.time.Duration;

/**
 * A window of receive time, {@code [fromNs, toNs]} in ns since the epoch, both inclusive.
 *
 * @param fromNs start
 * @param toNs end, not before the start
 */
public record CaptureWindow(long fromNs, long toNs) {
  public CaptureWindow {
    if (toNs < fromNs) {
      throw new IllegalArgumentException(
          "window : " + fromNs + ".." + toNs + " (expected: from <= to)");
    }
  }

  /** {@code [atNs - pre, atNs + post]}. */
  public static CaptureWindow around(long atNs, Duration pre, Duration post) {
    return new CaptureWindow(atNs - pre.toNanos(), atNs + post.toNanos());
  }

  /** Whether the two windows share at least one instant. */
  public boolean overlaps(CaptureWindow other) {
    return fromNs <= other.toNs && other.fromNs <= toNs;
  }

  /** The smallest window holding both. */
  public CaptureWindow union(CaptureWindow other) {
    return new CaptureWindow(Math.min(fromNs, other.fromNs), Math.max(toNs, other.toNs));
  }

  /** Whether {@code ns} is inside. */
  public boolean contains(long ns) {
    return ns >= fromNs && ns <= toNs;
  }
}
