package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.UplinkException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka already has of this robot's streams, so that a batch committed once is never committed
 * again: the highest committed {@code batch_seq} per stream, re-read from the checkpoint topic
 * whenever the outcome of an earlier commit is unknown (on the first delivery, and after a commit
 * that failed: it may or may not have reached the coordinator), and advanced by every commit of
 * this instance. Used under {@link KafkaUplink#deliver}'s lock, except {@link #readFor} (any
 * thread); its own monitor guards the state.
 *
 * <p>A read through {@link #readFor} (the sender's start-up reconciliation, {@link
 * KafkaUplink#committedCheckpoints}) also serves the first delivery, which then does not read the
 * topic a second time (issue 16 item 3: the second read cost ~0.5 s of every start), but only when
 * it is as good as the delivery's own read: a producer session was initialised before the read
 * began (its {@code initTransactions()} has completed or aborted every transaction an earlier
 * process left open with this transactional id, so no earlier commit can still land after the
 * read), and this instance had not read, sent, committed or lost a commit's outcome by the time the
 * read ended (nothing of its own can be in flight). After a failed commit the delivery always reads
 * again itself, after its new session is initialised.
 */
final class CheckpointReconciler {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final CheckpointReader checkpoints;
  private final Map<String, Long> committed = new HashMap<>();
  private boolean outcomeUnknown = true;
  private long changes;

  CheckpointReconciler(CheckpointReader checkpoints) {
    this.checkpoints = checkpoints;
  }

  /**
   * The offered batches that are not committed yet, in their order; reads the checkpoints first if
   * the outcome of an earlier commit is unknown.
   */
  List<SealedBatch> notCommitted(List<StoredBatch> batches, Deadline deadline)
      throws UplinkException {
    boolean unknown;
    synchronized (this) {
      unknown = outcomeUnknown;
    }
    if (unknown) {
      Map<String, Long> read = checkpoints.read(deadline);
      synchronized (this) {
        committed.clear();
        committed.putAll(read);
        outcomeUnknown = false;
        changes++;
      }
    }
    return filter(batches);
  }

  /**
   * Reads the committed checkpoints for a caller outside the delivery; the result also serves the
   * first delivery if {@code sessionInitialised} was true before the read began and this instance
   * has not delivered, committed or lost a commit's outcome since it started (see the class
   * comment).
   */
  Map<String, Long> readFor(boolean sessionInitialised, Deadline deadline) throws UplinkException {
    Map<String, Long> read = checkpoints.read(deadline);
    if (sessionInitialised) {
      synchronized (this) {
        if (outcomeUnknown && changes == 0) {
          committed.putAll(read);
          outcomeUnknown = false;
          changes++;
        }
      }
    }
    return read;
  }

  private synchronized List<SealedBatch> filter(List<StoredBatch> batches) {
    List<SealedBatch> toSend = new ArrayList<>(batches.size());
    for (StoredBatch stored : batches) {
      SealedBatch batch = stored.batch();
      if (batch.batchSeq() > committed.getOrDefault(batch.stream(), 0L)) {
        toSend.add(batch);
      }
    }
    if (toSend.size() < batches.size()) {
      LOG.info(
          "Uplink: {} of {} offered batch(es) were already committed, not sent again",
          batches.size() - toSend.size(),
          batches.size());
    }
    return toSend;
  }

  /** A transaction carrying {@code checkpoints} (stream to highest {@code batch_seq}) committed. */
  synchronized void committed(Map<String, Long> checkpoints) {
    committed.putAll(checkpoints);
    changes++;
  }

  /** A commit failed without saying whether it took effect: re-read before the next send. */
  synchronized void outcomeUnknown() {
    outcomeUnknown = true;
    changes++;
  }
}
