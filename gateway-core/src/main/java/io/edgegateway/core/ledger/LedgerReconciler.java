package io.edgegateway.core.ledger;

import io.edgegateway.core.port.DurableQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-time step of the completeness ledger: counts the samples a previous process received
 * but never committed to the durable queue (they were in the intake or an open batch when it died)
 * as {@code lost_before_commit}, and makes the per-topic seq continue after everything recorded.
 *
 * <p>Per (stream, topic): {@code lost = received − sampled_out − intake_dropped − sealed −
 * previously_lost} (at least 0), covering seqs {@code accounted_through + 1 .. received}. Run it
 * once at start, before any channel of the ledger takes a sample and before the batcher seals.
 *
 * <p>After a power loss (not a process crash) the intake ledger file may be older than the queue:
 * its counters are then raised to what the queue recorded, and samples the stale counters cannot
 * explain are counted as lost (the count is then an upper bound, the seq never repeats).
 */
public final class LedgerReconciler {
  private static final Logger log = LoggerFactory.getLogger(LedgerReconciler.class);

  private LedgerReconciler() {}

  /**
   * Reconciles {@code intake} with {@code queue}, records the losses in the queue and logs one line
   * per (stream, topic) with a loss: {@code ledger: lost before commit stream=<stream>
   * topic=<topic> count=<n> seq=<a>..<b>}.
   *
   * @return the losses recorded, sorted by stream then topic
   */
  public static List<LostSamples> reconcile(IntakeLedger intake, DurableQueue queue) {
    Map<TopicKey, CommittedCounts> committed = new TreeMap<>();
    queue.committedCounts().forEach(c -> committed.put(c.key(), c));
    Map<TopicKey, IntakeCounts> counted = intake.snapshot();
    TreeSet<TopicKey> keys = new TreeSet<>(counted.keySet());
    keys.addAll(committed.keySet());
    List<LostSamples> lost = new ArrayList<>();
    Map<TopicKey, IntakeCounts> restored = new TreeMap<>();
    for (TopicKey key : keys) {
      CommittedCounts c = committed.getOrDefault(key, CommittedCounts.empty(key));
      IntakeCounts i = counted.getOrDefault(key, IntakeCounts.ZERO).max(c.intake());
      long accounted = c.accountedThrough();
      long received = Math.max(i.received(), accounted);
      IntakeCounts now = new IntakeCounts(received, i.sampledOut(), i.intakeDropped());
      restored.put(key, now);
      long missing =
          received - i.sampledOut() - i.intakeDropped() - c.sealed() - c.lostBeforeCommit();
      if (missing > 0) {
        // Normally the unsealed tail; if the counters were stale (power loss) and the tail is
        // empty, the unexplained samples lie somewhere at or below received.
        long first = accounted + 1 <= received ? accounted + 1 : 1;
        lost.add(new LostSamples(key, new SeqRange(first, received, missing)));
      }
    }
    if (restored.isEmpty()) {
      return List.of();
    }
    queue.recordLost(lost, restored);
    restored.forEach(
        (key, counts) -> {
          IntakeLedger.Slot slot = intake.slot(key);
          if (!slot.counts().equals(counts)) {
            slot.restore(counts);
          }
        });
    for (LostSamples l : lost) {
      log.warn(
          "ledger: lost before commit stream={} topic={} count={} seq={}..{}",
          l.key().stream(),
          l.key().topic(),
          l.range().count(),
          l.range().first(),
          l.range().last());
    }
    return List.copyOf(lost);
  }
}
