package io.edgegateway.core.capture;

import io.edgegateway.core.Envelope;

/**
 * Where the telemetry path hands every received sample of a captured topic, at full rate and before
 * sampling. Called on the bus thread: must never block; an implementation that cannot keep up drops
 * the sample and counts it.
 */
@FunctionalInterface
public interface CaptureSink {
  /** Takes one sample; never blocks. */
  void offer(Envelope sample);

  /** The sink that keeps nothing; the telemetry path skips building a copy for it. */
  CaptureSink NONE = sample -> {};

  /** A sink that keeps nothing (capture off, or the rule opted out): {@link #NONE}. */
  static CaptureSink none() {
    return NONE;
  }
}
