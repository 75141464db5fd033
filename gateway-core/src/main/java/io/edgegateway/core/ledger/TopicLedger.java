package io.edgegateway.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One line of the completeness ledger: where every sample of a (stream, topic) went, over the
 * robot's life (the per-topic seq and these counts continue across restarts).
 *
 * <p>Invariants: {@code accepted = sampledOut + intakeDropped + sealed + lostBeforeCommit +
 * inFlight} and {@code sealed = uploaded + evicted + inQueue}.
 *
 * @param key the (stream, topic)
 * @param accepted samples received from the bus (= the last per-topic seq assigned)
 * @param sampledOut dropped by the sampling policy
 * @param intakeDropped dropped because the intake was full
 * @param sealed committed to the durable queue
 * @param uploaded delivered (and deleted from the queue)
 * @param evicted evicted from the queue before upload, by reason
 * @param lostBeforeCommit received but never committed (crash, or a batch the queue refused)
 * @param inQueue committed and waiting for upload
 * @param inFlight in the intake or an open batch right now (0 when the gateway is not running)
 * @param sealedRange seq range committed to the queue, null if none
 * @param uploadedRange seq range uploaded, null if none
 * @param lostRanges the most recent losses, oldest first
 */
public record TopicLedger(
    TopicKey key,
    long accepted,
    long sampledOut,
    long intakeDropped,
    long sealed,
    long uploaded,
    Map<String, Long> evicted,
    long lostBeforeCommit,
    long inQueue,
    long inFlight,
    @Nullable SeqRange sealedRange,
    @Nullable SeqRange uploadedRange,
    List<SeqRange> lostRanges) {

  /** Eviction reasons every line reports, also when zero (the queue's reasons). */
  public static final List<String> EVICTION_REASONS = List.of("quota", "ttl", "disk_full");

  public TopicLedger {
    Objects.requireNonNull(key, "key");
    Map<String, Long> all = new TreeMap<>();
    EVICTION_REASONS.forEach(r -> all.put(r, 0L));
    all.putAll(evicted);
    evicted = java.util.Collections.unmodifiableMap(all);
    lostRanges = List.copyOf(lostRanges);
  }

  /** Samples evicted for any reason. */
  public long evictedTotal() {
    return evicted.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Joins the intake counts and the queue's counts into ledger lines, one per key found in either,
   * sorted by stream then topic. Intake counts are taken field-wise at least as high as those the
   * queue stored at the last reconciliation.
   */
  public static List<TopicLedger> combine(
      Map<TopicKey, IntakeCounts> intake, List<CommittedCounts> committed) {
    Map<TopicKey, CommittedCounts> byKey = new TreeMap<>();
    committed.forEach(c -> byKey.put(c.key(), c));
    TreeSet<TopicKey> keys = new TreeSet<>(intake.keySet());
    keys.addAll(byKey.keySet());
    List<TopicLedger> out = new ArrayList<>(keys.size());
    for (TopicKey key : keys) {
      CommittedCounts c = byKey.getOrDefault(key, CommittedCounts.empty(key));
      IntakeCounts i = intake.getOrDefault(key, IntakeCounts.ZERO).max(c.intake());
      long accepted = Math.max(i.received(), c.accountedThrough());
      long inFlight =
          Math.max(
              0, accepted - i.sampledOut() - i.intakeDropped() - c.sealed() - c.lostBeforeCommit());
      out.add(
          new TopicLedger(
              key,
              accepted,
              i.sampledOut(),
              i.intakeDropped(),
              c.sealed(),
              c.uploaded(),
              c.evicted(),
              c.lostBeforeCommit(),
              c.inQueue(),
              inFlight,
              c.sealed() == 0 ? null : new SeqRange(c.sealedFirst(), c.sealedLast(), c.sealed()),
              c.uploaded() == 0
                  ? null
                  : new SeqRange(c.uploadedFirst(), c.uploadedLast(), c.uploaded()),
              c.lostRanges()));
    }
    return out;
  }
}
