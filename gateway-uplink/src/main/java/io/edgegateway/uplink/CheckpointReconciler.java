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
 * this instance. Used under {@link KafkaUplink#deliver}'s lock.
 */
final class CheckpointReconciler {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final CheckpointReader checkpoints;
  private final Map<String, Long> committed = new HashMap<>();
  private boolean outcomeUnknown = true;

  CheckpointReconciler(CheckpointReader checkpoints) {
    this.checkpoints = checkpoints;
  }

  /**
   * The offered batches that are not committed yet, in their order; reads the checkpoints first if
   * the outcome of an earlier commit is unknown.
   */
  List<SealedBatch> notCommitted(List<StoredBatch> batches, Deadline deadline)
      throws UplinkException {
    if (outcomeUnknown) {
      committed.clear();
      committed.putAll(checkpoints.read(deadline));
      outcomeUnknown = false;
    }
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
  void committed(Map<String, Long> checkpoints) {
    committed.putAll(checkpoints);
  }

  /** A commit failed without saying whether it took effect: re-read before the next send. */
  void outcomeUnknown() {
    outcomeUnknown = true;
  }
}
