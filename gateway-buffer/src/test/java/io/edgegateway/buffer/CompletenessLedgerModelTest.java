package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.IntakeLedger;
import io.edgegateway.core.ledger.LedgerReconciler;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs seeded random sequences of receive, sample out, intake drop, seal, upload, drop through a
 * checkpoint, TTL and quota eviction, and crash (open batches lost, queue and ledger reopened,
 * reconciled) against the real {@code queue.db} and {@code ledger.bin}, and checks after every step
 * that the ledger equals a plain model and that its invariants hold:
 *
 * <pre>
 *   accepted = sampled_out + intake_dropped + sealed + lost_before_commit + in_flight
 *   sealed   = uploaded + evicted + in_queue
 * </pre>
 *
 * and that after each crash the reconciliation reports exactly the samples of the open batches,
 * with the seq continuing after them. A failure names the seed and the step.
 */
class CompletenessLedgerModelTest {

  private static final List<TopicKey> TOPICS =
      List.of(
          new TopicKey("telemetry", "/imu"),
          new TopicKey("telemetry", "/joints"),
          new TopicKey("perception", "/camera"));
  private static final long QUOTA = 24_000;

  @TempDir Path dataDir;

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private SqliteDurableQueue queue;
  private MmapIntakeLedger ledger;
  private final Map<TopicKey, IntakeLedger.Slot> slots = new HashMap<>();

  /** What the model expects per topic. */
  private static final class Expected {
    long received;
    long sampledOut;
    long intakeDropped;
    long sealed;
    long uploaded;
    long lost;
    final List<Long> open = new ArrayList<>();
  }

  private final Map<TopicKey, Expected> expected = new TreeMap<>();
  private final Map<String, List<TopicKey>> openOrder = new HashMap<>();
  private final Map<String, Map<TopicKey, TopicSummary>> sealedBatches = new HashMap<>();
  private final Map<String, Long> batchSeqs = new HashMap<>();

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("ledger.model.seeds", 12));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void ledgerMatchesTheModelAndKeepsItsInvariants(long seed) {
    Random random = new Random(seed);
    TOPICS.forEach(k -> expected.put(k, new Expected()));
    open();
    List<String> steps = new ArrayList<>();
    try {
      for (int step = 0; step < 150; step++) {
        int op = random.nextInt(100);
        String name;
        if (op < 45) {
          TopicKey key = TOPICS.get(random.nextInt(TOPICS.size()));
          int n = 1 + random.nextInt(20);
          name = "receive " + key + " x" + n;
          receive(key, n, random);
        } else if (op < 65) {
          String stream = random.nextBoolean() ? "telemetry" : "perception";
          name = "seal " + stream;
          seal(stream, random);
        } else if (op < 77) {
          int n = 1 + random.nextInt(4);
          name = "upload " + n;
          upload(n);
        } else if (op < 82) {
          name = "drop through";
          dropThrough(random);
        } else if (op < 88) {
          name = "ttl";
          clock.advanceMillis(Duration.ofMinutes(20).toMillis());
          queue.expire();
        } else if (op < 94) {
          name = "advance clock";
          clock.advanceMillis(Duration.ofMinutes(5).toMillis());
        } else {
          name = "crash";
          crash();
        }
        steps.add(name);
        check();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("seed " + seed + " after steps " + steps + ": " + e.getMessage(), e);
    } finally {
      queue.close();
      ledger.close();
    }
  }

  private void open() {
    queue =
        SqliteDurableQueue.open(dataDir, QUOTA, Durability.PROCESS, Duration.ofMinutes(30), clock);
    ledger = MmapIntakeLedger.open(dataDir, clock);
    slots.clear();
  }

  private IntakeLedger.Slot slot(TopicKey key) {
    return slots.computeIfAbsent(key, ledger::slot);
  }

  /** What {@code TopicChannel} does on the bus thread, with a random outcome per sample. */
  private void receive(TopicKey key, int n, Random random) {
    IntakeLedger.Slot slot = slot(key);
    Expected e = expected.get(key);
    for (int i = 0; i < n; i++) {
      long seq = slot.received() + 1;
      slot.received(seq);
      e.received++;
      int outcome = random.nextInt(10);
      if (outcome < 2) {
        slot.sampledOut();
        e.sampledOut++;
      } else if (outcome < 3) {
        slot.intakeDropped();
        e.intakeDropped++;
      } else {
        e.open.add(seq);
        openOrder.computeIfAbsent(key.stream(), s -> new ArrayList<>()).add(key);
      }
    }
  }

  private void seal(String stream, Random random) {
    Map<TopicKey, TopicSummary> summaries = new LinkedHashMap<>();
    for (TopicKey key : TOPICS) {
      Expected e = expected.get(key);
      if (!key.stream().equals(stream) || e.open.isEmpty()) {
        continue;
      }
      long first = e.open.get(0);
      long last = e.open.get(e.open.size() - 1);
      summaries.put(key, new TopicSummary(key.topic(), e.open.size(), first, last));
    }
    openOrder.remove(stream);
    if (summaries.isEmpty()) {
      return;
    }
    long batchSeq = batchSeqs.merge(stream, 1L, Long::sum);
    byte[] payload = new byte[1_000 + random.nextInt(4_000)];
    SealedBatch batch =
        new SealedBatch(
                stream,
                batchSeq,
                stream.equals("telemetry") ? 5 : 2,
                clock.wallMillis(),
                1,
                0,
                0,
                payload.length,
                payload)
            .withTopics(List.copyOf(summaries.values()));
    queue.append(batch);
    sealedBatches.put(stream + "/" + batchSeq, summaries);
    summaries.forEach(
        (key, s) -> {
          Expected e = expected.get(key);
          e.sealed += s.count();
          e.open.clear();
        });
  }

  private void upload(int n) {
    List<StoredBatch> oldest = queue.oldest(n, Long.MAX_VALUE);
    queue.acknowledge(oldest);
    oldest.forEach(b -> countUploaded(b.batch().stream() + "/" + b.batch().batchSeq()));
  }

  private void dropThrough(Random random) {
    List<StoredBatch> stored = queue.oldest(1_000, Long.MAX_VALUE);
    if (stored.isEmpty()) {
      return;
    }
    StoredBatch through = stored.get(random.nextInt(stored.size()));
    String stream = through.batch().stream();
    queue.dropThrough(stream, through.batch().batchSeq());
    stored.stream()
        .filter(b -> b.batch().stream().equals(stream))
        .filter(b -> b.batch().batchSeq() <= through.batch().batchSeq())
        .forEach(b -> countUploaded(stream + "/" + b.batch().batchSeq()));
  }

  private void countUploaded(String batch) {
    sealedBatches.get(batch).forEach((key, s) -> expected.get(key).uploaded += s.count());
  }

  /** The process dies: open batches are gone; the files are reopened and reconciled. */
  private void crash() {
    Map<TopicKey, LostSamples> wanted = new TreeMap<>();
    for (TopicKey key : TOPICS) {
      Expected e = expected.get(key);
      long lostCount = e.received - e.sampledOut - e.intakeDropped - e.sealed - e.lost;
      if (lostCount > 0) {
        long accounted =
            Math.max(
                queue.committedCounts().stream()
                    .filter(c -> c.key().equals(key))
                    .mapToLong(c -> c.accountedThrough())
                    .findFirst()
                    .orElse(0),
                0);
        wanted.put(key, new LostSamples(key, new SeqRange(accounted + 1, e.received, lostCount)));
      }
      assertThat(lostCount).as("lost of %s", key).isGreaterThanOrEqualTo(e.open.size());
      e.lost += lostCount;
      e.open.clear();
    }
    openOrder.clear();
    queue.close();
    ledger.close();
    open();

    List<LostSamples> reported = LedgerReconciler.reconcile(ledger, queue);

    assertThat(reported).containsExactlyElementsOf(wanted.values());
    for (TopicKey key : TOPICS) {
      assertThat(slot(key).received()).isEqualTo(expected.get(key).received);
    }
  }

  private void check() {
    Map<TopicKey, Long> present = new HashMap<>();
    for (StoredBatch b : queue.oldest(1_000, Long.MAX_VALUE)) {
      sealedBatches
          .get(b.batch().stream() + "/" + b.batch().batchSeq())
          .forEach((key, s) -> present.merge(key, s.count(), Long::sum));
    }
    Map<TopicKey, TopicLedger> lines = new HashMap<>();
    TopicLedger.combine(ledger.snapshot(), queue.committedCounts())
        .forEach(l -> lines.put(l.key(), l));
    for (TopicKey key : TOPICS) {
      Expected e = expected.get(key);
      TopicLedger l = lines.get(key);
      if (l == null) {
        assertThat(e.received).as("received of %s, which has no ledger line", key).isZero();
        continue;
      }
      assertThat(l.accepted()).as("accepted %s", key).isEqualTo(e.received);
      assertThat(l.sampledOut()).as("sampled_out %s", key).isEqualTo(e.sampledOut);
      assertThat(l.intakeDropped()).as("intake_dropped %s", key).isEqualTo(e.intakeDropped);
      assertThat(l.sealed()).as("sealed %s", key).isEqualTo(e.sealed);
      assertThat(l.uploaded()).as("uploaded %s", key).isEqualTo(e.uploaded);
      assertThat(l.lostBeforeCommit()).as("lost %s", key).isEqualTo(e.lost);
      assertThat(l.inFlight()).as("in_flight %s", key).isEqualTo(e.open.size());
      assertThat(l.inQueue()).as("in_queue %s", key).isEqualTo(present.getOrDefault(key, 0L));
      assertThat(l.accepted())
          .as("accepted = sampled_out + intake_dropped + sealed + lost + in_flight")
          .isEqualTo(
              l.sampledOut()
                  + l.intakeDropped()
                  + l.sealed()
                  + l.lostBeforeCommit()
                  + l.inFlight());
      assertThat(l.sealed())
          .as("sealed = uploaded + evicted + in_queue")
          .isEqualTo(l.uploaded() + l.evictedTotal() + l.inQueue());
    }
  }
}
