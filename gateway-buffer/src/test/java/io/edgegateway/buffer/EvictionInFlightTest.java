package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batches evicted while the uplink holds them (between {@code oldest()} and {@code acknowledge})
 * are counted once: as uploaded if they are acknowledged or dropped through a checkpoint, as
 * evicted for their reason otherwise, in the ledger and in {@link QueueStats#evictedBatches()}
 * alike. Each batch carries one sample, so the ledger's sample counts and the queue's batch counts
 * can be compared directly.
 */
class EvictionInFlightTest {
  private static final String STREAM = "telemetry";
  private static final int SIZE = 1000;
  private static final Duration TTL = Duration.ofMinutes(10);

  @TempDir Path dataDir;

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("inflight.model.seeds", 25));
  }

  @Test
  void leasedBatchEvictedForQuotaAndThenAcknowledged_isCountedAsUploadedOnly() {
    try (SqliteDurableQueue queue = open(3 * SIZE)) {
      append(queue, 1, 2, 3);
      List<StoredBatch> round = queue.oldest(2, Long.MAX_VALUE);
      append(queue, 4); // evicts batch 1, which the uplink holds
      assertThat(queue.stats().batches()).isEqualTo(3);
      assertThat(queue.stats().evictedBatches()).isEmpty();

      queue.acknowledge(round);

      assertThat(queue.oldest(10, Long.MAX_VALUE))
          .extracting(b -> b.batch().batchSeq())
          .containsExactly(3L, 4L);
      assertThat(queue.stats().evictedBatches()).isEmpty();
      CommittedCounts line = line(queue);
      assertThat(line.uploaded()).isEqualTo(2);
      assertThat(line.evicted()).isEmpty();
      assertThat(line.inQueue()).isEqualTo(2);
    }
  }

  @Test
  void leasedBatchEvictedAndNotAcknowledged_isCountedAsEvictedWhenTheNextRoundStarts() {
    try (SqliteDurableQueue queue = open(3 * SIZE)) {
      append(queue, 1, 2, 3);
      queue.oldest(2, Long.MAX_VALUE); // the delivery of 1 and 2 fails
      append(queue, 4);
      assertThat(queue.stats().evictedBatches()).isEmpty();

      assertThat(queue.oldest(10, Long.MAX_VALUE))
          .extracting(b -> b.batch().batchSeq())
          .containsExactly(2L, 3L, 4L);

      assertThat(queue.stats().evictedBatches())
          .containsExactly(Map.entry(SqliteDurableQueue.EVICTED_FOR_QUOTA, 1L));
      CommittedCounts line = line(queue);
      assertThat(line.uploaded()).isZero();
      assertThat(line.evicted())
          .containsExactly(Map.entry(SqliteDurableQueue.EVICTED_FOR_QUOTA, 1L));
      assertThat(line.inQueue()).isEqualTo(3);
    }
  }

  @Test
  void evictionsInFlightSurviveACrash_aCheckpointSettlesThemAsUploaded_theRestAsEvicted() {
    try (SqliteDurableQueue queue = open(1L << 30)) {
      append(queue, 1, 2, 3);
      queue.oldest(10, Long.MAX_VALUE);
      clock.advanceMillis(TTL.toMillis() + 60_000);
      assertThat(queue.expire()).isEqualTo(3); // all three held by the uplink
    } // the process dies with the transaction's outcome unknown
    try (SqliteDurableQueue queue = open(1L << 30)) {
      assertThat(queue.stats().batches()).isZero();
      queue.dropThrough(STREAM, 2); // the remote end committed 1 and 2
      assertThat(queue.oldest(10, Long.MAX_VALUE)).isEmpty();

      assertThat(queue.stats().evictedBatches())
          .containsExactly(Map.entry(SqliteDurableQueue.EVICTED_FOR_TTL, 1L));
      CommittedCounts line = line(queue);
      assertThat(line.uploaded()).isEqualTo(2);
      assertThat(line.evicted()).containsExactly(Map.entry(SqliteDurableQueue.EVICTED_FOR_TTL, 1L));
      assertThat(line.inQueue()).isZero();
    }
  }

  /**
   * Seeded random rounds: appends past the quota, rounds that are acknowledged or fail, TTL expiry
   * while a round is out. Each batch is, in the end, uploaded if and only if its round was
   * acknowledged, otherwise evicted or still queued; ledger and eviction counts agree.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everySampleIsCountedOnceUnderItsRealReason(long seed) {
    Random random = new Random(seed);
    Set<Long> acknowledged = new HashSet<>();
    List<String> steps = new ArrayList<>();
    long seq = 0;
    try (SqliteDurableQueue queue = open(6L * SIZE)) {
      List<StoredBatch> round = List.of();
      try {
        for (int step = 0; step < 120; step++) {
          int op = random.nextInt(100);
          if (op < 50) {
            seq++;
            steps.add("append " + seq);
            append(queue, seq);
          } else if (op < 70) {
            round = queue.oldest(1 + random.nextInt(4), Long.MAX_VALUE);
            steps.add("oldest " + seqs(round));
          } else if (op < 85) {
            steps.add("acknowledge " + seqs(round));
            queue.acknowledge(round);
            round.forEach(b -> acknowledged.add(b.batch().batchSeq()));
            round = List.of();
          } else if (op < 92) {
            steps.add("round failed");
            round = List.of();
          } else {
            steps.add("ttl");
            clock.advanceMillis(TTL.toMillis() + 60_000);
            queue.expire();
          }
        }
        List<StoredBatch> left = queue.oldest(1_000, Long.MAX_VALUE); // ends the last round
        Set<Long> stored = new HashSet<>();
        left.forEach(b -> stored.add(b.batch().batchSeq()));
        long evictedBatches = seq - acknowledged.size() - stored.size();
        assertThat(acknowledged.stream().filter(stored::contains))
            .as("acknowledged yet stored")
            .isEmpty();

        CommittedCounts line = line(queue);
        QueueStats stats = queue.stats();
        assertThat(line.sealed()).isEqualTo(seq);
        assertThat(line.uploaded()).as("uploaded").isEqualTo(acknowledged.size());
        assertThat(line.inQueue()).as("in queue").isEqualTo(stored.size());
        assertThat(line.evictedTotal()).as("evicted samples").isEqualTo(evictedBatches);
        assertThat(new TreeMap<>(stats.evictedBatches()))
            .as("evicted batches by reason (one sample each)")
            .isEqualTo(new TreeMap<>(line.evicted()));
        assertThat(stats.batches()).isEqualTo(stored.size());
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " after " + steps + ": " + e.getMessage(), e);
      }
    }
  }

  private SqliteDurableQueue open(long quota) {
    return SqliteDurableQueue.open(dataDir, quota, Durability.PROCESS, TTL, clock);
  }

  /** Appends one-sample batches sealed now (by the test clock). */
  private void append(SqliteDurableQueue queue, long... seqs) {
    for (long s : seqs) {
      queue.append(
          TestBatches.batch(STREAM, s, 5, clock.wallMillis(), new byte[SIZE])
              .withTopics(batchOf(STREAM, s, 5, SIZE, "/imu", s, 1).topics()));
    }
  }

  private static CommittedCounts line(SqliteDurableQueue queue) {
    return queue.committedCounts().stream()
        .filter(c -> c.key().topic().equals("/imu"))
        .findFirst()
        .orElseThrow();
  }

  private static List<Long> seqs(List<StoredBatch> batches) {
    return batches.stream().map(b -> b.batch().batchSeq()).toList();
  }
}
