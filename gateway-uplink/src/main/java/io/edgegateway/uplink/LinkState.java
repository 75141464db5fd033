package io.edgegateway.uplink;

import io.edgegateway.core.port.Uplink.UplinkState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's link state, the one reported to {@code /readyz} and status ({@link UplinkState}),
 * and the log line each change writes. Thread-safe.
 *
 * <p>The state follows from three facts, each kept by whoever learns it:
 *
 * <ul>
 *   <li>the session initialised its transactional id ({@link #initialised}, {@code
 *       ProducerSession});
 *   <li>the last probe of the cluster went unanswered ({@link #unanswered}, {@link #answered},
 *       {@code BrokerWatch}); it runs every 250 ms while a delivery is under way, so a broker that
 *       stops answering in the middle of a transaction is seen within about a second, long before
 *       the delivery times out;
 *   <li>the last delivery failed retriably ({@link #deliveryFailed}, {@link #delivered}, {@code
 *       KafkaUplink#deliver}).
 * </ul>
 *
 * <p>{@code DISCONNECTED} while the probe goes unanswered or the last delivery failed; otherwise
 * {@code CONNECTING} until the first session is initialised, then {@code CONNECTED}. An answered
 * probe alone does not undo a failed delivery (the cluster can answer metadata requests while the
 * partition leader is gone); the next delivery decides. A successful delivery also counts as an
 * answer. {@code CLOSED} and {@code FENCED} are final: nothing leaves them, except that closing
 * moves {@code FENCED} to {@code CLOSED}.
 */
final class LinkState {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final String bootstrapServers;
  private volatile UplinkState current = UplinkState.CONNECTING;
  private boolean initialised;
  private boolean unanswered;
  private boolean deliveryFailing;

  LinkState(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  UplinkState get() {
    return current;
  }

  boolean isClosed() {
    return current == UplinkState.CLOSED;
  }

  /** The first session initialised its transactional id: connected unless the link is down. */
  synchronized void initialised(String transactionalId) {
    initialised = true;
    update("transactional id " + transactionalId + " initialised");
  }

  /** A delivery was committed (or found committed): the broker answers. */
  synchronized void delivered(String reason) {
    deliveryFailing = false;
    unanswered = false;
    update(reason);
  }

  /** A delivery failed and may succeed when offered again. */
  synchronized void deliveryFailed(@Nullable String reason) {
    deliveryFailing = true;
    update(reason);
  }

  /** The cluster answered a probe. */
  synchronized void answered() {
    unanswered = false;
    update("the cluster answers again");
  }

  /** A probe of the cluster was not answered in time or failed. */
  synchronized void unanswered(@Nullable String reason) {
    unanswered = true;
    update(reason);
  }

  private void update(@Nullable String reason) {
    UplinkState previous = current;
    if (previous == UplinkState.CLOSED || previous == UplinkState.FENCED) {
      return;
    }
    UplinkState next;
    if (unanswered || deliveryFailing) {
      next = UplinkState.DISCONNECTED;
    } else if (!initialised) {
      next = UplinkState.CONNECTING;
    } else {
      next = UplinkState.CONNECTED;
    }
    if (next == previous) {
      return;
    }
    current = next;
    if (next == UplinkState.DISCONNECTED) {
      LOG.warn("Uplink to {} disconnected: {}", bootstrapServers, reason);
    } else {
      LOG.info(
          "Uplink to {} {}: {}",
          bootstrapServers,
          next.name().toLowerCase(java.util.Locale.ROOT),
          reason);
    }
  }

  /**
   * Moves to {@code FENCED} unless closed; true if it did (and logged {@code reason}), so that the
   * caller stops the producer.
   */
  synchronized boolean fence(String reason) {
    UplinkState previous = current;
    if (previous == UplinkState.CLOSED || previous == UplinkState.FENCED) {
      return false;
    }
    current = UplinkState.FENCED;
    LOG.error("Uplink to {} fenced: {}", bootstrapServers, reason);
    return true;
  }

  /** Moves to {@code CLOSED}; returns the state before. */
  synchronized UplinkState close() {
    UplinkState previous = current;
    current = UplinkState.CLOSED;
    return previous;
  }
}
