package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SqliteDurableQueueQuarantineTest {

  @TempDir Path dataDir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger quarantineLog = (Logger) LoggerFactory.getLogger(Quarantine.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    quarantineLog.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    quarantineLog.detachAppender(logged);
  }

  private Path db() {
    return dataDir.resolve(SqliteDurableQueue.FILE_NAME);
  }

  private void writeQueueWithBatches(int count) {
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 24, Durability.PROCESS)) {
      for (int i = 1; i <= count; i++) {
        queue.append(batch("telemetry", i, 5, 20_000));
      }
    }
  }

  private List<Path> quarantined() throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("queue.db.corrupt-"))
          .sorted()
          .toList();
    }
  }

  /** Opens the queue and checks it is fresh, usable, and reports one quarantine. */
  private void assertOpensFreshAfterQuarantine() {
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS)) {
      QueueStats stats = queue.stats();
      assertThat(stats.quarantinedFiles()).isEqualTo(1);
      assertThat(stats.batches()).isZero();
      assertThat(queue.lastBatchSeq("telemetry")).isZero();
      queue.append(batch("telemetry", 1, 5, 100));
      assertThat(names(queue.oldest(10, Long.MAX_VALUE))).containsExactly("telemetry/1");
    }
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("moved it aside to"));
    try (SqliteDurableQueue again = SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS)) {
      assertThat(again.stats().quarantinedFiles()).isZero();
      assertThat(again.stats().batches()).isEqualTo(1);
    }
  }

  @Test
  void aTruncatedFileIsMovedAsideAndAFreshQueueStarts() throws Exception {
    writeQueueWithBatches(20);
    byte[] whole = Files.readAllBytes(db());
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
    Files.write(db(), truncated);

    assertThat(SqliteDurableQueue.inspect(dataDir).quarantinedFiles()).isEqualTo(1);
    assertOpensFreshAfterQuarantine();

    assertThat(quarantined()).hasSize(1);
    assertThat(quarantined().get(0).getFileName().toString())
        .matches("queue\\.db\\.corrupt-\\d{8}T\\d{6}Z");
    assertThat(Files.readAllBytes(quarantined().get(0))).isEqualTo(truncated);
  }

  @Test
  void aFileOfRandomBytesIsMovedAsideAndAFreshQueueStarts() throws Exception {
    byte[] garbage = new byte[64 * 1024];
    new Random(7).nextBytes(garbage);
    Files.write(db(), garbage);

    assertThat(SqliteDurableQueue.inspect(dataDir))
        .isEqualTo(new QueueStats(0, 0, 0, java.util.Map.of(), java.util.Map.of(), 1));
    assertThat(db()).exists();
    assertOpensFreshAfterQuarantine();

    assertThat(quarantined()).hasSize(1);
    assertThat(Files.readAllBytes(quarantined().get(0))).isEqualTo(garbage);
  }

  @Test
  void aShortTextFileIsMovedAside() throws Exception {
    Files.writeString(db(), "this is not sqlite, it is long enough to tell");

    assertOpensFreshAfterQuarantine();

    assertThat(quarantined())
        .singleElement()
        .satisfies(f -> assertThat(f).content().startsWith("this is not sqlite"));
  }

  @Test
  void aGarbageWalIsMovedAsideAndTheCommittedBatchesAreKept() throws Exception {
    writeQueueWithBatches(3);
    byte[] garbage = new byte[40_000];
    new Random(11).nextBytes(garbage);
    Files.write(dataDir.resolve("queue.db-wal"), garbage);

    assertThat(SqliteDurableQueue.inspect(dataDir).quarantinedFiles()).isEqualTo(1);
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 24, Durability.PROCESS)) {
      assertThat(queue.stats().quarantinedFiles()).isEqualTo(1);
      assertThat(names(queue.oldest(10, Long.MAX_VALUE)))
          .containsExactly("telemetry/1", "telemetry/2", "telemetry/3");
      queue.append(batch("telemetry", 4, 5, 100));
    }

    assertThat(quarantined())
        .singleElement()
        .satisfies(
            wal -> {
              assertThat(wal.getFileName().toString()).endsWith("-wal");
              assertThat(Files.readAllBytes(wal)).isEqualTo(garbage);
            });
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1);
  }

  @Test
  void aValidDatabaseWithForeignTablesIsMovedAside() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE batches (id INTEGER PRIMARY KEY, body BLOB)");
      statement.execute("INSERT INTO batches (body) VALUES (x'0102')");
    }

    assertThat(SqliteDurableQueue.inspect(dataDir).quarantinedFiles()).isEqualTo(1);
    assertOpensFreshAfterQuarantine();

    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + quarantined().get(0));
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM batches")) {
      row.next();
      assertThat(row.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void aDatabaseFromANewerSchemaIsRefusedNotQuarantined() throws Exception {
    writeQueueWithBatches(1);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
      statement.execute("ALTER TABLE batches ADD COLUMN extra INTEGER");
    }

    assertThatThrownBy(() -> SqliteDurableQueue.open(dataDir, 1024, Durability.PROCESS))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("schema version 2");
    assertThat(quarantined()).isEmpty();
  }

  @Test
  void aHealthyQueueIsNotQuarantined() throws Exception {
    writeQueueWithBatches(2);

    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 24, Durability.PROCESS)) {
      assertThat(queue.stats().quarantinedFiles()).isZero();
      assertThat(queue.stats().batches()).isEqualTo(2);
    }
    assertThat(quarantined()).isEmpty();
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
  }
}
