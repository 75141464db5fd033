package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's side of the completeness ledger, written in the transactions of the rows. */
class SqliteDurableQueueLedgerTest {

  private static final TopicKey IMU = new TopicKey("telemetry", "/imu");
  private static final TopicKey JOINTS = new TopicKey("telemetry", "/joints");

  @TempDir Path dataDir;

  private static CommittedCounts line(SqliteDurableQueue queue, TopicKey key) {
    return queue.committedCounts().stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElse(CommittedCounts.empty(key));
  }

  @Test
  void appendCountsEachTopicOfTheBatchAsSealed() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 10, "/joints", 1, 4));
      queue.append(batchOf("telemetry", 2, 5, 100, "/imu", 12, 3));

      CommittedCounts imu = line(queue, IMU);
      assertThat(imu.sealed()).isEqualTo(13);
      assertThat(imu.sealedFirst()).isEqualTo(1);
      assertThat(imu.sealedLast()).isEqualTo(14);
      assertThat(imu.inQueue()).isEqualTo(13);
      assertThat(line(queue, JOINTS).sealed()).isEqualTo(4);
    }
  }

  @Test
  void acknowledgeAndDropThroughCountAsUploaded() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 10));
      queue.append(batchOf("telemetry", 2, 5, 100, "/imu", 11, 10));
      queue.append(batchOf("telemetry", 3, 5, 100, "/imu", 21, 10));

      queue.acknowledge(queue.oldest(1, Long.MAX_VALUE));
      queue.dropThrough("telemetry", 2);

      CommittedCounts imu = line(queue, IMU);
      assertThat(imu.uploaded()).isEqualTo(20);
      assertThat(imu.uploadedFirst()).isEqualTo(1);
      assertThat(imu.uploadedLast()).isEqualTo(20);
      assertThat(imu.inQueue()).isEqualTo(10);
    }
  }

  @Test
  void quotaEvictionIsCountedPerTopicUnderItsReason() {
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 250, Durability.PROCESS)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 7));
      queue.append(batchOf("telemetry", 2, 5, 100, "/imu", 8, 5));
      queue.append(batchOf("telemetry", 3, 5, 100, "/imu", 13, 2));

      CommittedCounts imu = line(queue, IMU);
      assertThat(imu.evicted()).containsExactlyEntriesOf(Map.of("quota", 7L));
      assertThat(imu.sealed()).isEqualTo(14);
      assertThat(imu.inQueue()).isEqualTo(7);
    }
  }

  @Test
  void ttlEvictionIsCountedPerTopicUnderItsReason() {
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(
            dataDir, 1L << 30, Durability.PROCESS, Duration.ofHours(1), clock)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 7));
      clock.advanceMillis(Duration.ofDays(365 * 60).toMillis());

      assertThat(queue.expire()).isEqualTo(1);

      assertThat(line(queue, IMU).evicted()).containsExactlyEntriesOf(Map.of("ttl", 7L));
      assertThat(line(queue, IMU).inQueue()).isZero();
    }
  }

  @Test
  void aFailedAppendChangesNoLedgerLine() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS, 40)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 7));
      List<CommittedCounts> before = queue.committedCounts();

      assertThatThrownBy(
              () ->
                  queue.append(batchOf("telemetry", 2, 5, 400_000, "/imu", 8, 9, "/joints", 1, 1)))
          .isInstanceOf(QueueException.class);

      assertThat(queue.committedCounts()).isEqualTo(before);
      assertThat(rows("SELECT COUNT(*) FROM batch_topics")).isEqualTo(1);
    }
    try (SqliteDurableQueue reopened =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      assertThat(line(reopened, IMU).sealed()).isEqualTo(7);
      assertThat(line(reopened, JOINTS).sealed()).isZero();
    }
  }

  @Test
  void ledgerSurvivesReopenAndInspectionReadsTheSame() {
    List<CommittedCounts> written;
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 10, "/joints", 3, 2));
      queue.append(batchOf("telemetry", 2, 5, 100, "/imu", 11, 10));
      queue.acknowledge(queue.oldest(1, Long.MAX_VALUE));
      queue.recordLost(
          List.of(new LostSamples(IMU, new SeqRange(21, 25, 5))),
          Map.of(IMU, new IntakeCounts(25, 0, 0)));
      written = queue.committedCounts();
      assertThat(SqliteDurableQueue.inspectLedger(dataDir)).isEqualTo(written);
    }
    try (SqliteDurableQueue reopened =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      assertThat(reopened.committedCounts()).isEqualTo(written);
    }
    CommittedCounts imu = written.stream().filter(c -> c.key().equals(IMU)).findFirst().get();
    assertThat(imu.lostBeforeCommit()).isEqualTo(5);
    assertThat(imu.lostThrough()).isEqualTo(25);
    assertThat(imu.lostRanges()).containsExactly(new SeqRange(21, 25, 5));
    assertThat(imu.intake()).isEqualTo(new IntakeCounts(25, 0, 0));
    assertThat(imu.accountedThrough()).isEqualTo(25);
  }

  @Test
  void recordLostKeepsTheLastSixteenRangesAndTheWholeCount() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      LongStream.rangeClosed(1, 20)
          .forEach(
              i ->
                  queue.recordLost(
                      List.of(new LostSamples(IMU, new SeqRange(i * 10, i * 10 + 1, 2))),
                      Map.of()));

      CommittedCounts imu = line(queue, IMU);
      assertThat(imu.lostBeforeCommit()).isEqualTo(40);
      assertThat(imu.lostRanges()).hasSize(16);
      assertThat(imu.lostRanges().get(0)).isEqualTo(new SeqRange(50, 51, 2));
      assertThat(imu.lostRanges().get(15)).isEqualTo(new SeqRange(200, 201, 2));
    }
  }

  @Test
  void aQueueFileWithoutLedgerTablesOpensAndGetsThem() throws Exception {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      queue.append(batchOf("telemetry", 1, 5, 100, "/imu", 1, 7));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("queue.db"));
        Statement s = c.createStatement()) {
      for (String table : List.of("batch_topics", "ledger", "ledger_evicted", "ledger_lost")) {
        s.execute("DROP TABLE " + table);
      }
    }
    assertThat(SqliteDurableQueue.inspectLedger(dataDir)).isEmpty();
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS)) {
      assertThat(queue.stats().quarantinedFiles()).isZero();
      assertThat(queue.stats().batches()).isEqualTo(1);
      queue.append(batchOf("telemetry", 2, 5, 100, "/imu", 8, 2));
      queue.acknowledge(queue.oldest(10, Long.MAX_VALUE));
      assertThat(line(queue, IMU).sealed()).isEqualTo(2);
      assertThat(line(queue, IMU).uploaded()).isEqualTo(2);
    }
  }

  private long rows(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:file:" + dataDir.resolve("queue.db") + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
