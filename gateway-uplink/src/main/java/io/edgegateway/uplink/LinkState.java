package io.edgegateway.uplink;

import io.edgegateway.core.port.Uplink.UplinkState;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's link state, the one reported to {@code /readyz} and status ({@link UplinkState}),
 * and the log line each change writes. {@code CLOSED} and {@code FENCED} are final: no transition
 * leaves them, except that closing moves {@code FENCED} to {@code CLOSED}. Thread-safe.
 */
final class LinkState {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final String bootstrapServers;
  private final AtomicReference<UplinkState> state = new AtomicReference<>(UplinkState.CONNECTING);

  LinkState(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  UplinkState get() {
    return Objects.requireNonNull(state.get(), "link state");
  }

  boolean isClosed() {
    return state.get() == UplinkState.CLOSED;
  }

  /** {@code CONNECTING → CONNECTED} once the first session initialised its transactional id. */
  void initialised(String transactionalId) {
    if (state.compareAndSet(UplinkState.CONNECTING, UplinkState.CONNECTED)) {
      LOG.info(
          "Uplink to {} connected: transactional id {} initialised",
          bootstrapServers,
          transactionalId);
    }
  }

  /**
   * Moves to {@code next} unless the state is final, logging {@code reason} (an exception's
   * message, which may be null) on a change.
   */
  void transition(UplinkState next, @Nullable String reason) {
    UplinkState previous = state.get();
    while (previous != next && previous != UplinkState.CLOSED && previous != UplinkState.FENCED) {
      if (state.compareAndSet(previous, next)) {
        if (next == UplinkState.DISCONNECTED) {
          LOG.warn("Uplink to {} disconnected: {}", bootstrapServers, reason);
        } else {
          LOG.info("Uplink to {} {}: {}", bootstrapServers, next.name().toLowerCase(), reason);
        }
        return;
      }
      previous = state.get();
    }
  }

  /**
   * Moves to {@code FENCED} unless closed; true if it did (and logged {@code reason}), so that the
   * caller stops the producer.
   */
  boolean fence(String reason) {
    UplinkState previous = state.get();
    if (previous != UplinkState.CLOSED && state.compareAndSet(previous, UplinkState.FENCED)) {
      LOG.error("Uplink to {} fenced: {}", bootstrapServers, reason);
      return true;
    }
    return false;
  }

  /** Moves to {@code CLOSED}; returns the state before. */
  UplinkState close() {
    return state.getAndSet(UplinkState.CLOSED);
  }
}
