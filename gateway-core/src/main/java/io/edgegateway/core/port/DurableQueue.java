package io.edgegateway.core.port;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.TopicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable store-and-forward queue: sealed batches wait here until the uplink has delivered
 * them.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #append} makes one batch durable in one transaction; once it returns the batch
 *       survives a process crash (and, in {@code power} durability, a power loss).
 *   <li>{@link #oldest} returns waiting batches in append order (ascending {@link StoredBatch#id}),
 *       without removing them; batches of an incident (header {@link
 *       io.edgegateway.core.batch.BatchHeaders#INCIDENT_ID}) come before all others, in append
 *       order among themselves (they go out ahead of the regular backlog). They are the uplink's
 *       round (its lease) until the next {@link #oldest} call, which ends that round, or until they
 *       are acknowledged: a batch evicted while leased is counted once, as uploaded if it is then
 *       acknowledged or dropped through a checkpoint, as evicted otherwise. Only the sender calls
 *       {@link #oldest}.
 *   <li>{@link #acknowledge} deletes batches that the uplink delivered; deleting an id that is no
 *       longer present is not an error.
 *   <li>{@link #lastBatchSeq} survives deletion: it is the highest {@code batchSeq} ever appended
 *       for the stream, so sequence numbers never repeat across restarts.
 *   <li>Capacity: when an append would take the queue past its byte quota, waiting batches are
 *       evicted lowest priority first, then oldest, and counted in {@link QueueStats}.
 * </ul>
 *
 * Implementations are safe for appending threads (their appends are serialized; each stream has one
 * appending thread: the batcher, or the incident desk for the incidents stream) and one
 * reading/acknowledging thread at once.
 */
public interface DurableQueue extends AutoCloseable {

  /** Highest batch sequence ever appended for {@code stream}, 0 if none. */
  long lastBatchSeq(String stream);

  /**
   * Makes {@code batch} durable.
   *
   * @throws IllegalArgumentException if {@code batch.batchSeq()} is not above {@link #lastBatchSeq}
   * @throws QueueException if the store failed (e.g. disk full); the batch is then not stored
   */
  void append(SealedBatch batch);

  /**
   * Makes {@code batch} durable and records {@code mark} (replacing the mark of the same key), in
   * one transaction: after a crash either both or neither are there. The batch keeps its {@link
   * SealedBatch#headers()}.
   *
   * @throws IllegalArgumentException as {@link #append(SealedBatch)}
   * @throws QueueException as {@link #append(SealedBatch)}; neither is stored then
   */
  default void append(SealedBatch batch, AppendMark mark) {
    throw new UnsupportedOperationException("this queue keeps no append marks");
  }

  /** The mark last recorded under {@code key}; it survives the deletion of its batches. */
  default Optional<AppendMark> appendMark(String key) {
    return Optional.empty();
  }

  /** How many batches with header {@code name} = {@code value} are waiting. */
  default int waitingWithHeader(String name, String value) {
    return 0;
  }

  /** Up to {@code maxBatches} waiting batches, oldest first, at most {@code maxBytes} in total. */
  List<StoredBatch> oldest(int maxBatches, long maxBytes);

  /**
   * Like {@link #oldest} (the same lease, the same byte limit: the first batch is returned even if
   * larger), but whole streams in {@code order} (the bandwidth budget's class order): every stream
   * contributes its oldest waiting batches in {@code batchSeq} order, streams one after the other,
   * so the per-stream order the uplink's checkpoints rely on is kept. This default applies the
   * order to the {@code maxBatches} oldest batches ({@link #oldest} without a byte limit, all of
   * them leased) and then cuts to {@code maxBytes}; a queue that can see every stream's head
   * overrides it.
   */
  default List<StoredBatch> next(int maxBatches, long maxBytes, Comparator<StreamHead> order) {
    List<StoredBatch> ordered = StreamHead.inOrder(oldest(maxBatches, Long.MAX_VALUE), order);
    return StreamHead.cut(ordered, maxBatches, maxBytes);
  }

  /** Removes delivered batches. */
  void acknowledge(List<StoredBatch> delivered);

  /**
   * Deletes every waiting batch of {@code stream} with a {@code batchSeq} at or below {@code
   * batchSeq}, in one transaction, and raises {@link #lastBatchSeq} of the stream to at least
   * {@code batchSeq}, so that sequence numbers never go backwards. Used at start-up with the
   * uplink's committed checkpoint: those batches already reached the remote end.
   *
   * @return how many batches were deleted
   * @throws IllegalArgumentException if {@code batchSeq} is negative
   * @throws QueueException if the store failed; nothing is deleted then
   */
  int dropThrough(String stream, long batchSeq);

  /**
   * The queue's side of the completeness ledger, one entry per (stream, topic) ever appended or
   * recorded: samples sealed, uploaded (acknowledged or dropped through a checkpoint), evicted by
   * reason, and lost before commit, each changed in the same transaction as the rows it counts
   * (from {@link SealedBatch#topics()}). Cheap: does not wait for a running write. Empty for a
   * queue that keeps no ledger.
   */
  default List<CommittedCounts> committedCounts() {
    return List.of();
  }

  /**
   * Records, in one transaction, samples lost before they were committed (adding to {@link
   * CommittedCounts#lostBeforeCommit()} and its recent ranges) and the current intake counts (kept
   * as {@link CommittedCounts#intake()}). Does nothing for a queue that keeps no ledger.
   *
   * @throws QueueException if the store failed; nothing is recorded then
   */
  default void recordLost(List<LostSamples> lost, Map<TopicKey, IntakeCounts> intake) {}

  /** A consistent snapshot of depth and age. */
  QueueStats stats();

  /** Flushes and closes the store. Idempotent. */
  @Override
  void close();
}
