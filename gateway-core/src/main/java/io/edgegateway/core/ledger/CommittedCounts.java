package io.edgegateway.core.ledger;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable-queue side of one ledger line, exact because each change is written in the same
 * transaction as the batch rows it counts.
 *
 * @param key the ledger line
 * @param sealed samples in batches committed to the queue
 * @param sealedFirst smallest committed seq, 0 if none
 * @param sealedLast largest committed seq, 0 if none
 * @param uploaded samples in batches deleted after the uplink committed them
 * @param uploadedFirst smallest uploaded seq, 0 if none
 * @param uploadedLast largest uploaded seq, 0 if none
 * @param evicted samples in batches evicted before upload, by reason ({@code quota}, {@code ttl},
 *     {@code disk_full})
 * @param lostBeforeCommit samples received but never committed (counted at start after a crash, or
 *     when the queue refused a batch)
 * @param lostThrough largest seq covered by a recorded loss, 0 if none
 * @param lostRanges the most recent recorded losses, oldest first (at most 16)
 * @param intake the intake counts stored at the last reconciliation (a fallback when the intake
 *     ledger file was lost)
 */
public record CommittedCounts(
    TopicKey key,
    long sealed,
    long sealedFirst,
    long sealedLast,
    long uploaded,
    long uploadedFirst,
    long uploadedLast,
    Map<String, Long> evicted,
    long lostBeforeCommit,
    long lostThrough,
    List<SeqRange> lostRanges,
    IntakeCounts intake) {

  public CommittedCounts {
    Objects.requireNonNull(key, "key");
    evicted = Map.copyOf(evicted);
    lostRanges = List.copyOf(lostRanges);
    Objects.requireNonNull(intake, "intake");
  }

  /** A line with nothing counted yet. */
  public static CommittedCounts empty(TopicKey key) {
    return new CommittedCounts(key, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, List.of(), IntakeCounts.ZERO);
  }

  /** Samples evicted for any reason. */
  public long evictedTotal() {
    return evicted.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Samples in batches still waiting in the queue: sealed − uploaded − evicted. */
  public long inQueue() {
    return sealed - uploaded - evictedTotal();
  }

  /** The largest seq this line accounts for in the queue's records (sealed or lost). */
  public long accountedThrough() {
    return Math.max(sealedLast, lostThrough);
  }
}
