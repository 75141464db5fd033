package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static io.edgegateway.buffer.TestBatches.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.StoredBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue on a real, small, full file system: a 12 MiB tmpfs mounted for the test (needs root or
 * CAP_SYS_ADMIN; the class is skipped with a message where mounting is not permitted).
 */
class SqliteDurableQueueFullDiskTest {

  private static final int BATCH_BYTES = 64 * 1024;
  private static final long RESERVE_BYTES = 2L << 20;
  private static final long FILLER_BYTES = 5L << 20;

  private static Path mountPoint;
  private static boolean mounted;

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final Map<String, SealedBatch> appended = new HashMap<>();
  private Path dataDir;
  private SqliteDurableQueue queue;

  @BeforeAll
  static void mountSmallTmpfs() throws Exception {
    mountPoint = Files.createTempDirectory("eg-full-disk-");
    int exit = run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mountPoint.toString());
    mounted = exit == 0;
    Assumptions.assumeTrue(
        mounted,
        "mounting a tmpfs is not permitted here (exit " + exit + "); full-disk tests skipped");
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mounted) {
      run("umount", mountPoint.toString());
    }
    Files.deleteIfExists(mountPoint);
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @BeforeEach
  void openOnTheSmallDisk() throws IOException {
    dataDir = Files.createDirectories(mountPoint.resolve("data"));
    Files.write(mountPoint.resolve("filler"), new byte[(int) FILLER_BYTES]);
    queue =
        SqliteDurableQueue.openWithReserve(
            dataDir, 1L << 30, Durability.PROCESS, RESERVE_BYTES, clock);
  }

  @AfterEach
  void closeAndClean() throws IOException {
    if (queue != null) {
      queue.close();
    }
    Files.deleteIfExists(mountPoint.resolve("filler"));
    try (var files = Files.list(dataDir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  private void append(String stream, long seq, int priority) {
    SealedBatch batch = batch(stream, seq, priority, BATCH_BYTES);
    queue.append(batch);
    appended.put(stream + "/" + seq, batch);
  }

  /** Appends priority-5 batches until the first eviction for a full disk; returns the count. */
  private int fillUntilTheDiskIsFull() {
    for (int seq = 1; seq <= 500; seq++) {
      append("telemetry", seq, 5);
      if (queue.stats().evictedBatches().containsKey("disk_full")) {
        return seq;
      }
    }
    throw new AssertionError("the 12 MiB disk never filled");
  }

  private void assertEveryStoredBatchIsIntact() {
    List<StoredBatch> stored = queue.oldest(1_000, Long.MAX_VALUE);
    assertThat(stored).isNotEmpty();
    for (StoredBatch s : stored) {
      String name = s.batch().stream() + "/" + s.batch().batchSeq();
      assertThat(view(s.batch())).as(name).isEqualTo(view(appended.get(name)));
    }
  }

  private String integrityCheck() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:file:" + queue.path() + "?mode=ro");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
      row.next();
      return row.getString(1);
    }
  }

  @Test
  void aFullDiskEvictionIsCountedInTheLedgerPerTopic() {
    long evictedBatches = 0;
    for (int seq = 1; seq <= 500 && evictedBatches == 0; seq++) {
      queue.append(
          TestBatches.batchOf("telemetry", seq, 5, BATCH_BYTES, "/imu", (seq - 1) * 3L + 1, 3));
      evictedBatches = queue.stats().evictedBatches().getOrDefault("disk_full", 0L);
    }
    assertThat(evictedBatches).as("the disk filled").isPositive();

    var imu =
        queue.committedCounts().stream()
            .filter(c -> c.key().topic().equals("/imu"))
            .findFirst()
            .orElseThrow();
    assertThat(imu.evicted()).containsExactlyEntriesOf(Map.of("disk_full", 3 * evictedBatches));
    assertThat(imu.inQueue()).isEqualTo(3 * queue.stats().batches());
  }

  @Test
  void aFullDiskEvictsBatchesTheUplinkHolds_andCountsThemAsUploadedOnceAcknowledged()
      throws Exception {
    int seq = 0;
    while (queue.stats().evictedBatches().getOrDefault("disk_full", 0L) == 0) {
      seq++;
      assertThat(seq).as("the 12 MiB disk filled").isLessThanOrEqualTo(500);
      queue.append(TestBatches.batchOf("telemetry", seq, 5, BATCH_BYTES, "/imu", seq, 1));
    }
    long evictedBefore = queue.stats().evictedBatches().get("disk_full");
    List<StoredBatch> round = queue.oldest(8, Long.MAX_VALUE); // the uplink holds the 8 oldest

    int last = seq + 4;
    while (seq < last) {
      seq++;
      queue.append(TestBatches.batchOf("telemetry", seq, 5, BATCH_BYTES, "/imu", seq, 1));
    }
    assertThat(queue.oldest(1, Long.MAX_VALUE).get(0).id())
        .as("the appends made room by evicting batches of the round")
        .isGreaterThan(round.get(0).id());
    // That oldest() call ended the round unacknowledged: its evicted batches are now evicted.
    long evictedInRound = queue.stats().evictedBatches().get("disk_full") - evictedBefore;
    assertThat(evictedInRound).isPositive();

    List<StoredBatch> next = queue.oldest(8, Long.MAX_VALUE);
    long storedBefore = queue.stats().batches();
    seq++;
    queue.append(TestBatches.batchOf("telemetry", seq, 5, BATCH_BYTES, "/imu", seq, 1));
    assertThat(queue.stats().batches())
        .as("the append evicted a batch of the round to make room")
        .isLessThanOrEqualTo(storedBefore);
    queue.acknowledge(next); // delivered, although the append evicted one of them meanwhile

    assertThat(queue.stats().evictedBatches().get("disk_full"))
        .as("an acknowledged batch is not counted as evicted")
        .isEqualTo(evictedBefore + evictedInRound);
    var imu =
        queue.committedCounts().stream()
            .filter(c -> c.key().topic().equals("/imu"))
            .findFirst()
            .orElseThrow();
    assertThat(imu.uploaded()).isEqualTo(next.size());
    assertThat(imu.evicted())
        .containsExactlyEntriesOf(Map.of("disk_full", evictedBefore + evictedInRound));
    assertThat(imu.inQueue()).isEqualTo(queue.stats().batches());
    assertThat(imu.sealed()).isEqualTo(seq);
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  @Test
  void aFullDiskEvictsTheOldestOfEqualPriorityAndKeepsTheFileIntact() throws Exception {
    int appendedBeforeFull = fillUntilTheDiskIsFull();

    for (int seq = appendedBeforeFull + 1; seq <= appendedBeforeFull + 40; seq++) {
      append("telemetry", seq, 5);
    }

    assertThat(queue.stats().evictedBatches().get("disk_full")).isGreaterThanOrEqualTo(40);
    assertThat(queue.stats().streams().get("telemetry").evictedBatches()).containsKey("disk_full");
    List<String> names = names(queue.oldest(1_000, Long.MAX_VALUE));
    assertThat(names).last().isEqualTo("telemetry/" + (appendedBeforeFull + 40));
    assertThat(names).doesNotContain("telemetry/1");
    assertEveryStoredBatchIsIntact();
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  @Test
  void aLowerPriorityBatchIsRefusedOnAFullDiskAndNothingIsLostOrCorrupted() throws Exception {
    fillUntilTheDiskIsFull();
    long before = queue.stats().batches();
    List<String> namesBefore = names(queue.oldest(1_000, Long.MAX_VALUE));

    assertThatThrownBy(() -> queue.append(batch("diagnostics", 1, 0, BATCH_BYTES)))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("append diagnostics/1")
        .hasMessageContaining("full");

    assertThat(queue.stats().batches()).isEqualTo(before);
    assertThat(names(queue.oldest(1_000, Long.MAX_VALUE))).isEqualTo(namesBefore);
    assertThat(queue.lastBatchSeq("diagnostics")).isZero();
    assertEveryStoredBatchIsIntact();
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  @Test
  void acknowledgingOnAFullDiskFreesRoomForNewBatchesWithoutEvicting() throws Exception {
    int seq = fillUntilTheDiskIsFull();
    long evicted = queue.stats().evictedBatches().get("disk_full");

    queue.acknowledge(queue.oldest(10, Long.MAX_VALUE));
    for (int i = 1; i <= 8; i++) {
      append("telemetry", ++seq, 5);
    }
    queue.append(batch("diagnostics", 1, 0, BATCH_BYTES));

    assertThat(queue.stats().evictedBatches().get("disk_full")).isEqualTo(evicted);
    assertThat(names(queue.oldest(1_000, Long.MAX_VALUE))).contains("diagnostics/1");
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  @Test
  void appendsGrowTheQueueAgainOnceTheDiskHasRoom() throws Exception {
    int seq = fillUntilTheDiskIsFull();
    long batchesWhenFull = queue.stats().batches();
    assertThat(queue.diskFull()).isTrue();

    Files.delete(mountPoint.resolve("filler"));
    clock.advanceMillis(11_000);
    for (int i = 1; i <= 20; i++) {
      append("telemetry", ++seq, 5);
    }

    assertThat(dataDir.resolve("queue.reserve")).exists();
    assertThat(queue.diskFull()).isFalse();
    assertThat(queue.stats().batches()).isEqualTo(batchesWhenFull + 20);
    assertEveryStoredBatchIsIntact();
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  @Test
  void aQueueClosedOnAFullDiskReopensWithEveryBatch() throws Exception {
    fillUntilTheDiskIsFull();
    List<String> names = names(queue.oldest(1_000, Long.MAX_VALUE));
    queue.close();

    queue =
        SqliteDurableQueue.openWithReserve(
            dataDir, 1L << 30, Durability.PROCESS, RESERVE_BYTES, clock);

    assertThat(queue.stats().quarantinedFiles()).isZero();
    assertThat(names(queue.oldest(1_000, Long.MAX_VALUE))).isEqualTo(names);
    assertEveryStoredBatchIsIntact();
    assertThat(integrityCheck()).isEqualTo("ok");
    List<StoredBatch> some = new ArrayList<>(queue.oldest(3, Long.MAX_VALUE));
    queue.acknowledge(some);
    assertThat(queue.stats().batches()).isEqualTo(names.size() - 3);
  }
}
