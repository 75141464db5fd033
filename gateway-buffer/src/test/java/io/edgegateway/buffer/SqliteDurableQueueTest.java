package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDurableQueueTest {

  @TempDir Path dataDir;

  private final List<SqliteDurableQueue> opened = new ArrayList<>();

  @AfterEach
  void closeQueues() {
    opened.forEach(SqliteDurableQueue::close);
  }

  private SqliteDurableQueue open(long maxBytes, Durability durability) {
    SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, maxBytes, durability);
    opened.add(queue);
    return queue;
  }

  @Nested
  class WithProcessDurability extends DurableQueueContract {
    @Override
    protected DurableQueue openQueue(long maxBytes) {
      return SqliteDurableQueue.open(dataDir, maxBytes, Durability.PROCESS);
    }
  }

  @Nested
  class WithPowerDurability extends DurableQueueContract {
    @Override
    protected DurableQueue openQueue(long maxBytes) {
      return SqliteDurableQueue.open(dataDir, maxBytes, Durability.POWER);
    }
  }

  @Test
  void createsQueueDbInAMissingDataDir() {
    Path nested = dataDir.resolve("var/lib/edge-gateway");

    try (SqliteDurableQueue queue = SqliteDurableQueue.open(nested, 1024, Durability.PROCESS)) {
      assertThat(queue.path()).isEqualTo(nested.resolve("queue.db"));
    }

    assertThat(nested.resolve("queue.db")).isRegularFile();
  }

  @Test
  void processDurabilityUsesWalWithNormalSync() {
    SqliteDurableQueue queue = open(1024, Durability.PROCESS);

    assertThat(queue.writerPragma("journal_mode")).isEqualTo("wal");
    assertThat(queue.writerPragma("synchronous")).isEqualTo("1");
    assertThat(Integer.parseInt(queue.writerPragma("busy_timeout"))).isPositive();
  }

  @Test
  void powerDurabilityUsesWalWithFullSync() {
    SqliteDurableQueue queue = open(1024, Durability.POWER);

    assertThat(queue.writerPragma("journal_mode")).isEqualTo("wal");
    assertThat(queue.writerPragma("synchronous")).isEqualTo("2");
    assertThat(queue.durability()).isEqualTo(Durability.POWER);
  }

  @Test
  void openRejectsANonPositiveQuota() {
    assertThatThrownBy(() -> SqliteDurableQueue.open(dataDir, 0, Durability.PROCESS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes : 0 (expected: >= 1)");
  }

  @Test
  void oldestRejectsNonPositiveLimits() {
    SqliteDurableQueue queue = open(1024, Durability.PROCESS);

    assertThatThrownBy(() -> queue.oldest(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatches : 0 (expected: >= 1)");
    assertThatThrownBy(() -> queue.oldest(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes : 0 (expected: >= 1)");
  }

  @Test
  void secondOpenOfTheSameDataDirFailsWhileTheFirstIsOpen() {
    SqliteDurableQueue first = open(1024, Durability.PROCESS);

    assertThatThrownBy(() -> SqliteDurableQueue.open(dataDir, 1024, Durability.PROCESS))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("already open")
        .hasMessageContaining(first.path().toString());

    first.close();
    open(1024, Durability.PROCESS).append(batch("telemetry", 1, 5, 10));
  }

  @Test
  void useAfterCloseIsRejected() {
    SqliteDurableQueue queue = open(1024, Durability.PROCESS);
    queue.close();

    assertThatThrownBy(() -> queue.append(batch("telemetry", 1, 5, 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> queue.oldest(1, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(queue::stats).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeCheckpointsTheWalIntoTheDatabaseFile() throws Exception {
    SqliteDurableQueue queue = open(1 << 20, Durability.PROCESS);
    queue.append(batch("telemetry", 1, 5, 100_000));
    Path wal = dataDir.resolve("queue.db-wal");
    assertThat(Files.size(wal)).isPositive();

    queue.close();

    assertThat(Files.notExists(wal) || Files.size(wal) == 0).isTrue();
    assertThat(Files.size(queue.path())).isGreaterThan(100_000);
  }

  @Test
  void aFullDiskFailsTheAppendWithAClearMessageAndStoresNothing() {
    SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS, 40);
    opened.add(queue);
    queue.append(batch("telemetry", 1, 5, 1_000));
    QueueStats before = queue.stats();

    assertThatThrownBy(() -> queue.append(batch("telemetry", 2, 5, 500_000)))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("append telemetry/2")
        .hasMessageContaining("disk")
        .hasMessageContaining("full")
        .hasMessageContaining("SQLITE_FULL");

    assertThat(queue.stats()).isEqualTo(before);
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(1);
    assertThat(names(queue.oldest(10, Long.MAX_VALUE))).containsExactly("telemetry/1");
    queue.append(batch("telemetry", 2, 5, 1_000));
    assertThat(queue.stats().batches()).isEqualTo(2);
  }

  @Test
  void aDatabaseFromANewerSchemaIsRefused() throws Exception {
    open(1024, Durability.PROCESS).close();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("queue.db"));
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    }

    assertThatThrownBy(() -> SqliteDurableQueue.open(dataDir, 1024, Durability.PROCESS))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("schema version 2")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void inspectReadsTheSameStatsWhileTheQueueIsOpen() {
    SqliteDurableQueue queue = open(1024, Durability.PROCESS);
    queue.append(batch("telemetry", 1, 5, 300));
    queue.append(batch("diagnostics", 1, 0, 300));
    queue.append(batch("telemetry", 2, 5, 300));
    queue.append(batch("telemetry", 3, 5, 300));
    queue.acknowledge(queue.oldest(1, Long.MAX_VALUE));

    QueueStats live = queue.stats();
    QueueStats inspected = SqliteDurableQueue.inspect(dataDir);

    assertThat(live.evictedBatches()).containsEntry("quota", 1L);
    assertThat(inspected)
        .isEqualTo(
            new QueueStats(
                live.batches(),
                live.bytes(),
                live.oldestSealedAtMillis(),
                withoutEvictions(live.streams()),
                java.util.Map.of()));
  }

  private static java.util.Map<String, QueueStats.StreamStats> withoutEvictions(
      java.util.Map<String, QueueStats.StreamStats> streams) {
    java.util.Map<String, QueueStats.StreamStats> result = new java.util.TreeMap<>();
    streams.forEach(
        (name, st) ->
            result.put(
                name,
                new QueueStats.StreamStats(
                    st.batches(), st.bytes(), st.oldestSealedAtMillis(), st.lastBatchSeq())));
    return result;
  }

  @Test
  void inspectOfADirectoryWithoutAQueueSaysSo() {
    assertThatThrownBy(() -> SqliteDurableQueue.inspect(dataDir.resolve("nothing-here")))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("no queue database at");
  }

  @Test
  void oneAppenderOneReaderAndStatsCallersCanRunAtOnce() throws Exception {
    SqliteDurableQueue queue = open(64L << 20, Durability.PROCESS);
    int count = 400;
    ExecutorService threads = Executors.newFixedThreadPool(3);
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<?> appender =
          threads.submit(
              () -> {
                for (long seq = 1; seq <= count; seq++) {
                  queue.append(batch("telemetry", seq, 5, 2_000));
                }
              });
      Future<List<Long>> reader =
          threads.submit(
              () -> {
                List<Long> delivered = new ArrayList<>();
                while (delivered.size() < count) {
                  List<StoredBatch> oldest = queue.oldest(7, Long.MAX_VALUE);
                  oldest.forEach(b -> delivered.add(b.batch().batchSeq()));
                  queue.acknowledge(oldest);
                }
                return delivered;
              });
      Future<Integer> statsCaller =
          threads.submit(
              () -> {
                int calls = 0;
                while (!done.get()) {
                  QueueStats stats = queue.stats();
                  assertThat(stats.batches()).isBetween(0L, (long) count);
                  assertThat(stats.bytes()).isEqualTo(stats.batches() * 2_000);
                  calls++;
                }
                return calls;
              });

      appender.get(30, TimeUnit.SECONDS);
      List<Long> delivered = reader.get(30, TimeUnit.SECONDS);
      done.set(true);

      assertThat(statsCaller.get(30, TimeUnit.SECONDS)).isPositive();
      assertThat(delivered).hasSize(count).isSorted().doesNotHaveDuplicates();
      assertThat(queue.stats().batches()).isZero();
      assertThat(queue.stats().bytes()).isZero();
      assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(count);
    } finally {
      done.set(true);
      threads.shutdownNow();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
