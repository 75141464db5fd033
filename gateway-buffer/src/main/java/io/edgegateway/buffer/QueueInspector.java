package io.edgegateway.buffer;

import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a queue file without opening the queue for writing, e.g. for {@code edge-gateway queue
 * stats} while a gateway has it open: each read is one read transaction on its own read-only
 * connection, and a corrupt file reads as an empty queue.
 */
final class QueueInspector {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private QueueInspector() {}

  /** See {@link SqliteDurableQueue#inspect}. */
  static QueueStats stats(Path db) {
    if (!Files.isRegularFile(db)) {
      throw new QueueException("no queue database at " + db);
    }
    String walProblem = walProblem(db);
    if (walProblem != null) {
      return corrupt(db, walProblem);
    }
    try (Connection connection = SqliteConnections.openReader(db);
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      try {
        String problem = Schema.problem(connection);
        if (problem != null) {
          return corrupt(db, problem);
        }
        Schema.verify(connection, db);
        RunningTotals depth = new RunningTotals();
        Map<String, Long> oldest = new HashMap<>();
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT stream, COUNT(*), SUM(bytes), MIN(sealed_at_ms) FROM batches"
                    + " GROUP BY stream")) {
          while (rows.next()) {
            String stream = rows.getString(1);
            depth.add(stream, rows.getLong(2), rows.getLong(3));
            oldest.put(stream, rows.getLong(4));
          }
        }
        Map<String, Long> lastSeqs = new HashMap<>();
        try (ResultSet rows =
            statement.executeQuery("SELECT stream, last_batch_seq FROM streams")) {
          while (rows.next()) {
            lastSeqs.put(rows.getString(1), rows.getLong(2));
          }
        }
        return StatsSnapshot.of(depth, lastSeqs, oldest::get, Map.of(), 0);
      } finally {
        statement.execute("COMMIT");
      }
    } catch (SQLException e) {
      if (SqliteErrors.isCorruption(e)) {
        return corrupt(db, e.getMessage());
      }
      throw SqliteErrors.toQueueException("inspect", db, e);
    }
  }

  private static @Nullable String walProblem(Path db) {
    try {
      return Quarantine.walProblem(db);
    } catch (IOException e) {
      throw new QueueException("cannot read " + Quarantine.wal(db) + ": " + e, e);
    }
  }

  private static QueueStats corrupt(Path db, @Nullable String problem) {
    log.warn("queue file {} is corrupt ({}); the next start moves it aside", db, problem);
    return new QueueStats(0, 0, 0, Map.of(), Map.of(), 1);
  }

  /** See {@link SqliteDurableQueue#inspectLedger}. */
  static List<CommittedCounts> ledger(Path db) {
    if (!Files.isRegularFile(db)) {
      return List.of();
    }
    if (walProblem(db) != null) {
      return List.of();
    }
    try (Connection connection = SqliteConnections.openReader(db);
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      try {
        if (Schema.problem(connection) != null) {
          return List.of();
        }
        return List.copyOf(LedgerStore.read(connection).values());
      } finally {
        statement.execute("COMMIT");
      }
    } catch (SQLException e) {
      if (SqliteErrors.isCorruption(e)) {
        return List.of();
      }
      throw SqliteErrors.toQueueException("ledger inspection", db, e);
    }
  }
}
