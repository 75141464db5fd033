package io.edgegateway.core.port;

/**
 * Receives raw samples from a bus subscription without a per-sample copy: the bytes live in a
 * buffer the bus reuses, valid only during the call. For the control fast path, which republishes
 * samples and must not allocate per message.
 */
@FunctionalInterface
public interface RawSampleHandler {
  /**
   * Called once per received sample, on a bus-owned thread. Must not block and must not keep a
   * reference to {@code buffer}: copy what is needed before returning.
   *
   * @param sourceStampNs publisher's source timestamp in ns since the Unix epoch, 0 when unknown
   * @param buffer holds the serialized sample (encapsulation header included) in {@code [0,
   *     length)}; reused by the bus after the call returns
   * @param length sample length in bytes
   */
  void onSample(long sourceStampNs, byte[] buffer, int length);
}
