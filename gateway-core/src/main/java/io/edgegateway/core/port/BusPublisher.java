package io.edgegateway.core.port;

/** Publishes raw CDR samples (encapsulation header included) on one topic. */
public interface BusPublisher extends AutoCloseable {
  /**
   * Writes one sample.
   *
   * @return false if the sample could not be written
   */
  boolean publish(byte[] payload, int length);

  @Override
  void close();
}
