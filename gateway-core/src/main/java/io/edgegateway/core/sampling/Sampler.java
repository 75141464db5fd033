package io.edgegateway.core.sampling;

import io.edgegateway.core.fields.FieldReader;

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

  /**
   * Decides on a sample given its bytes, for samplers that look into the message ({@link
   * #onChange}); the others ignore the bytes.
   *
   * @param monotonicNanos receive time on the monotonic clock
   * @param sample the serialized sample, encapsulation header included; not modified or kept
   * @return true to keep the sample, false to drop it (counted with {@link #dropReason()})
   */
  default boolean accept(long monotonicNanos, byte[] sample) {
    return accept(monotonicNanos);
  }

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

  /**
   * Keeps a sample when {@code field} changed by more than {@code deadband} (numbers; any change
   * for booleans, strings and a deadband of 0) since the last kept sample. The first readable
   * sample is kept; a sample whose field cannot be read is kept too and reported to {@code
   * onUndecodable} (e.g. a counter), without becoming the reference.
   */
  static Sampler onChange(FieldReader field, double deadband, Runnable onUndecodable) {
    return new OnChangeSampler(field, deadband, onUndecodable);
  }
}
