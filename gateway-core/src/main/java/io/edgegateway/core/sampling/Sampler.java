package io.edgegateway.core.sampling;

/**
 * Decides, per received sample of one topic, whether it goes on towards the durable queue. One
 * instance per topic; called from that topic's bus thread only, so implementations need no locks.
 */
public interface Sampler {

  /**
   * @param monotonicNanos receive time on the monotonic clock
   * @return true to keep the sample, false to drop it (counted with {@link #dropReason()})
   */
  boolean accept(long monotonicNanos);

  /** The metric reason label for samples this sampler drops, e.g. {@code max_rate}. */
  String dropReason();

  /** Keeps every sample. */
  static Sampler keepAll() {
    return KeepAllSampler.INSTANCE;
  }

  /** Keeps at most {@code hz} samples per second: a sample is kept if the period has passed. */
  static Sampler maxRate(double hz) {
    return new MaxRateSampler(hz);
  }

  /** Keeps the 1st, (n+1)th, (2n+1)th ... sample. */
  static Sampler everyNth(int n) {
    return new EveryNthSampler(n);
  }
}
