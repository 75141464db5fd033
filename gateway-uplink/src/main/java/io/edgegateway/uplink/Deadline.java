package io.edgegateway.uplink;

import java.time.Duration;

/**
 * The point on the {@link System#nanoTime()} clock by which one uplink call must return, with the
 * timeout it was derived from (for error messages).
 *
 * @param atNs the deadline on the {@code nanoTime} clock
 * @param timeout the caller's timeout that set the deadline
 */
record Deadline(long atNs, Duration timeout) {
  /** The deadline {@code timeout} from now. */
  static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
  }

  /** Nanoseconds left until the deadline; 0 once it passed. */
  long remainingNs() {
    return Math.max(0, atNs - System.nanoTime());
  }
}
