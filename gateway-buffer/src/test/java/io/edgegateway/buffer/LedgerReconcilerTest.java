package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LedgerReconciler;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.ledger.TopicLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-time reconciliation on real files, including files left by a power loss. */
class LedgerReconcilerTest {

  private static final TopicKey IMU = new TopicKey("telemetry", "/imu");

  @TempDir Path dataDir;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  private SqliteDurableQueue queue() {
    return SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS);
  }

  @Test
  void countsTheUnsealedTailAsLostOnceAndNothingAfterACleanStart() {
    try (SqliteDurableQueue queue = queue();
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      ledger.slot(IMU).restore(new IntakeCounts(50, 10, 2));
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 30));

      assertThat(LedgerReconciler.reconcile(ledger, queue))
          .containsExactly(new LostSamples(IMU, new SeqRange(31, 50, 8)));
      assertThat(LedgerReconciler.reconcile(ledger, queue)).isEmpty();

      TopicLedger line = TopicLedger.combine(ledger.snapshot(), queue.committedCounts()).get(0);
      assertThat(line.lostBeforeCommit()).isEqualTo(8);
      assertThat(line.lostRanges()).containsExactly(new SeqRange(31, 50, 8));
      assertThat(line.inFlight()).isZero();
    }
  }

  @Test
  void aStaleLedgerFileAfterPowerLossNeverLetsTheSeqRepeat() {
    try (SqliteDurableQueue queue = queue();
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      // The page cache had received 100 but only 40 reached the disk before the power cut.
      ledger.slot(IMU).restore(new IntakeCounts(40, 5, 0));
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 41, 60));

      List<LostSamples> lost = LedgerReconciler.reconcile(ledger, queue);

      assertThat(ledger.slot(IMU).received()).isEqualTo(100);
      assertThat(lost).containsExactly(new LostSamples(IMU, new SeqRange(1, 100, 35)));
      TopicLedger line = TopicLedger.combine(ledger.snapshot(), queue.committedCounts()).get(0);
      assertThat(line.accepted())
          .isEqualTo(
              line.sampledOut() + line.intakeDropped() + line.sealed() + line.lostBeforeCommit());
    }
  }

  @Test
  void aMissingLedgerFileContinuesFromTheCountsTheQueueStored() throws Exception {
    try (SqliteDurableQueue queue = queue();
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      ledger.slot(IMU).restore(new IntakeCounts(70, 20, 0));
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 50));
      assertThat(LedgerReconciler.reconcile(ledger, queue)).isEmpty();
    }
    Files.delete(dataDir.resolve(MmapIntakeLedger.FILE_NAME));

    try (SqliteDurableQueue queue = queue();
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      assertThat(LedgerReconciler.reconcile(ledger, queue)).isEmpty();
      assertThat(ledger.slot(IMU).counts()).isEqualTo(new IntakeCounts(70, 20, 0));
    }
  }

  @Test
  void queueEvictionReasonsAreTheOnesTheLedgerReports() {
    assertThat(TopicLedger.EVICTION_REASONS)
        .containsExactlyInAnyOrder(
            SqliteDurableQueue.EVICTED_FOR_QUOTA,
            SqliteDurableQueue.EVICTED_FOR_TTL,
            SqliteDurableQueue.EVICTED_FOR_DISK_FULL);
  }
}
