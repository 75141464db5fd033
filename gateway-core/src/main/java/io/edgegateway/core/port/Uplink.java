package io.edgegateway.core.port;

import java.time.Duration;
import java.util.List;

/** Delivers sealed batches off the robot (to Kafka). */
public interface Uplink extends AutoCloseable {

  /**
   * Sends {@code batches} and returns once the remote end acknowledged every one of them.
   *
   * @throws UplinkException if any batch is not acknowledged within {@code timeout}; the caller
   *     keeps all of them and offers them again
   */
  void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException;

  /** Current link state, for readiness and status. */
  UplinkState state();

  /** Closes the client, waiting at most {@code timeout} for in-flight requests. */
  void close(Duration timeout);

  @Override
  default void close() {
    close(Duration.ofSeconds(5));
  }

  /** Link state as reported to operators. */
  enum UplinkState {
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    CLOSED
  }
}
