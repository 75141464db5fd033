package io.edgegateway.core.budget;

/**
 * Bytes sent per UTC calendar day against an optional cap: the count starts again at 00:00 UTC. A
 * send is admitted while it fits what is left of the day's cap; a single send larger than the whole
 * cap is admitted only as the first of a day. Pure: time comes in as wall milliseconds; not
 * thread-safe.
 */
final class DailyCap {
  static final long DAY_MILLIS = 86_400_000L;

  private final long cap;
  private long day;
  private long used;

  /**
   * @param cap bytes per UTC day; {@link Long#MAX_VALUE} for none (the day's use is still counted)
   */
  DailyCap(long cap, long day, long used) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap : " + cap + " (expected: >= 1)");
    }
    this.cap = cap;
    this.day = day;
    this.used = used;
  }

  static DailyCap starting(long cap, long wallMillis) {
    return new DailyCap(cap, dayOf(wallMillis), 0);
  }

  /** This count with another cap: the day's use is kept. */
  DailyCap withCap(long newCap, long wallMillis) {
    roll(wallMillis);
    return new DailyCap(newCap, day, used);
  }

  boolean capped() {
    return cap != Long.MAX_VALUE;
  }

  long cap() {
    return cap;
  }

  long used(long wallMillis) {
    roll(wallMillis);
    return used;
  }

  /** Bytes left today; {@link Long#MAX_VALUE} without a cap. */
  long remaining(long wallMillis) {
    roll(wallMillis);
    return capped() ? Math.max(0, cap - used) : Long.MAX_VALUE;
  }

  boolean admits(long bytes, long wallMillis) {
    roll(wallMillis);
    return !capped() || bytes <= cap - used || used == 0;
  }

  void take(long bytes, long wallMillis) {
    roll(wallMillis);
    used += bytes;
  }

  /** Wall ms of the next reset (the next 00:00 UTC). */
  long resetsAtMillis(long wallMillis) {
    roll(wallMillis);
    return (day + 1) * DAY_MILLIS;
  }

  private void roll(long wallMillis) {
    long today = dayOf(wallMillis);
    if (today > day) {
      day = today;
      used = 0;
    }
  }

  private static long dayOf(long wallMillis) {
    return Math.floorDiv(wallMillis, DAY_MILLIS);
  }
}
