package io.edgegateway.uplink;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes new TLS material into use between transactions: {@link UplinkTls} finds it and marks a
 * rotation pending (and renews the broker watch's client at once); the next {@link
 * KafkaUplink#deliver}, before it begins a transaction, replaces the producer with one made from
 * the new material and the same {@code transactional.id} ({@link ProducerSession#replace}): its
 * {@code initTransactions()} fences the old producer, so no transaction of the old one can commit
 * after it, and the checkpoints are read again before anything is sent, as after a start.
 * Exactly-once holds across the rotation. A rotated SASL secret ({@link SaslCredentials}) is taken
 * into use the same way. Without TLS files or a SASL section it does nothing.
 */
final class TlsRotation {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final ProducerSession session;
  private final CheckpointReconciler reconciler;
  private volatile boolean pending;
  private volatile String what = "TLS material";

  TlsRotation(
      @Nullable UplinkTls tls,
      ProducerSession session,
      CheckpointReconciler reconciler,
      BrokerWatch watch) {
    this(tls, SaslCredentials.NONE, session, reconciler, watch);
  }

  /** Also replaces the producer when the SASL secret rotates ({@link SaslCredentials}). */
  TlsRotation(
      @Nullable UplinkTls tls,
      SaslCredentials sasl,
      ProducerSession session,
      CheckpointReconciler reconciler,
      BrokerWatch watch) {
    this.session = session;
    this.reconciler = reconciler;
    if (tls != null) {
      tls.onRotation(
          () -> {
            what = "TLS material";
            pending = true;
            watch.renewClient();
          });
    }
    sasl.onRotation(
        () -> {
          what = "SASL secret";
          pending = true;
          watch.renewClient();
        });
  }

  /** Whether new material waits for the next transaction; for tests. */
  boolean pending() {
    return pending;
  }

  /** Replaces the producer if new material is pending; under {@link KafkaUplink#deliver}'s lock. */
  void applyIfPending() {
    if (!pending) {
      return;
    }
    pending = false;
    LOG.info("Uplink: new {}, replacing the producer before the next transaction", what);
    reconciler.outcomeUnknown();
    session.replace();
  }
}
