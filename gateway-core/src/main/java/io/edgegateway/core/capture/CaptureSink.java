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

  /** A sink that keeps nothing (capture off, or the rule opted out). */
  static CaptureSink none() {
    return sample -> {};
  }
}
