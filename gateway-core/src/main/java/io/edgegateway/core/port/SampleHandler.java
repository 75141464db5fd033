package io.edgegateway.core.port;

/** Receives raw samples from a bus subscription, on a bus-owned thread. Must not block. */
@FunctionalInterface
public interface SampleHandler {
  /**
   * Called once per received sample.
   *
   * @param sourceStampNs publisher's source timestamp in ns since the Unix epoch, 0 when unknown
   * @param payload the serialized sample, encapsulation header included; owned by the callee
   */
  void onSample(long sourceStampNs, byte[] payload);
}
