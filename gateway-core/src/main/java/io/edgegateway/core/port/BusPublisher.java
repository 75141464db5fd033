package io.edgegateway.core.port;

/** Publishes raw CDR samples (encapsulation header included) on one topic. */
public interface BusPublisher extends AutoCloseable {
  /**
   * Writes one sample.
   *
   * @return false if the sample could not be written
   */
  boolean publish(byte[] payload, int length);

  /**
   * Subscriptions currently matched with this publisher, as far as the bus knows; -1 when the bus
   * does not tell. A best-effort sample written while nothing is matched reaches nobody, so a
   * publisher that must not lose its first samples waits for its subscribers first.
   */
  default long matchedSubscribers() {
    return -1;
  }

  @Override
  void close();
}
