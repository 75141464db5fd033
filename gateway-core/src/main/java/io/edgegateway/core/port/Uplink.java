package io.edgegateway.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Delivers sealed batches off the robot (to Kafka). */
public interface Uplink extends AutoCloseable {

  /**
   * Sends {@code batches} and returns once the remote end acknowledged every one of them.
   *
   * @throws UplinkException if any batch is not acknowledged within {@code timeout}; the caller
   *     keeps all of them and offers them again
   */
  void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException;

  /**
   * The highest batch sequence per stream that the remote end committed for this robot, read from
   * the uplink's checkpoints. Streams never committed are absent. An uplink without checkpoints
   * returns an empty map. It reads what is stable: a transaction this instance committed a moment
   * ago may not be visible yet, while at start-up (after the uplink fenced its predecessor and
   * completed that one's transactions) everything committed is.
   *
   * @throws UplinkException if the checkpoints cannot be read within {@code timeout}
   */
  default Map<String, Long> committedCheckpoints(Duration timeout) throws UplinkException {
    return Map.of();
  }

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
    /** Another gateway instance with the same robot id took over; this one stopped delivering. */
    FENCED,
    CLOSED
  }
}
