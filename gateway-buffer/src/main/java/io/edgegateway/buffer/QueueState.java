package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the queue knows per stream: the last batch_seq ever appended ({@code streams} table and in
 * memory), the batches and bytes waiting ({@link RunningTotals}) and the batches evicted since open
 * by reason.
 *
 * <p>Every write goes through the writer, and {@link DataDirLock} keeps other processes out, so the
 * depth per stream is kept in memory: loaded once when opening, changed only after a commit,
 * reloaded from the file if a transaction fails. {@code streams.last_batch_seq} is written in the
 * append's transaction, so a sequence number never repeats, even after every row of the stream was
 * delivered and the process restarted. Guarded by the queue's write lock, except {@link
 * #lastBatchSeq}, which any thread may call.
 */
final class QueueState {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private final Path db;
  private final Connection writer;
  private final LedgerStore ledger;
  private final Leases leases;
  private final Map<String, Long> lastBatchSeqs = new ConcurrentHashMap<>();
  private final RunningTotals totals = new RunningTotals();
  private final Map<String, Map<String, Long>> evicted = new TreeMap<>();
  private final QueueAudit audit = new QueueAudit();

  QueueState(Path db, Connection writer, LedgerStore ledger, Leases leases) {
    this.db = db;
    this.writer = writer;
    this.ledger = ledger;
    this.leases = leases;
  }

  /** Highest batch_seq appended for {@code stream}, 0 if none; safe from any thread. */
  long lastBatchSeq(String stream) {
    return lastBatchSeqs.getOrDefault(stream, 0L);
  }

  /** Batches and payload bytes waiting. */
  RunningTotals totals() {
    return totals;
  }

  /** Counts a committed append of {@code bytes} payload bytes as {@code batchSeq} of its stream. */
  void appended(String stream, long bytes, long batchSeq) {
    totals.add(stream, 1, bytes);
    lastBatchSeqs.put(stream, batchSeq);
  }

  /** Sets the last batch_seq of {@code stream} after a commit that wrote it. */
  void raiseLastBatchSeq(String stream, long batchSeq) {
    lastBatchSeqs.put(stream, batchSeq);
  }

  /** Takes a deleted row out of the totals. */
  void forgetDeleted(BatchRow row) {
    totals.remove(row.stream(), row.bytes());
  }

  /**
   * Takes an evicted row out of the in-memory totals and counts it by reason, unless the uplink
   * holds it: that eviction is counted when its delivery ends ({@link #countEvicted}), if it is not
   * delivered.
   */
  /** What the queue tells the audit log. */
  QueueAudit audit() {
    return audit;
  }

  /** {@link #forgetEvicted(BatchRow, String)} for each of {@code rows}, then one audit record. */
  void forgetEvicted(List<BatchRow> rows, String reason) {
    for (BatchRow row : rows) {
      forgetEvicted(row, reason);
    }
    audit.evicted(rows, reason);
  }

  void forgetEvicted(BatchRow row, String reason) {
    totals.remove(row.stream(), row.bytes());
    if (!leases.contains(row.id())) {
      countEvicted(row.stream(), reason);
    }
  }

  /** Counts one batch of {@code stream} as evicted for {@code reason}. */
  void countEvicted(String stream, String reason) {
    evicted.computeIfAbsent(stream, s -> new TreeMap<>()).merge(reason, 1L, Long::sum);
  }

  /** Batches evicted for {@code reason} since the queue was opened. */
  long evictedSinceOpen(String reason) {
    return evicted.values().stream().mapToLong(byReason -> byReason.getOrDefault(reason, 0L)).sum();
  }

  /** Writes {@code batchSeq} as the last of {@code stream}, inside the caller's transaction. */
  void writeLastBatchSeq(String stream, long batchSeq) throws SQLException {
    try (PreparedStatement upsert =
        writer.prepareStatement(
            "INSERT INTO streams (stream, last_batch_seq) VALUES (?, ?)"
                + " ON CONFLICT (stream) DO UPDATE SET last_batch_seq = excluded.last_batch_seq")) {
      upsert.setString(1, stream);
      upsert.setLong(2, batchSeq);
      upsert.executeUpdate();
    }
  }

  /** Reads the totals, last sequence numbers and ledger from the file. */
  void load() throws SQLException {
    RunningTotals loaded = new RunningTotals();
    Map<String, Long> lastSeqs = new HashMap<>();
    try (Statement statement = writer.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT stream, COUNT(*), SUM(bytes) FROM batches GROUP BY stream")) {
        while (rows.next()) {
          loaded.add(rows.getString(1), rows.getLong(2), rows.getLong(3));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT stream, last_batch_seq FROM streams")) {
        while (rows.next()) {
          lastSeqs.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    totals.clear();
    loaded
        .byStream()
        .forEach((stream, depth) -> totals.add(stream, depth.batches(), depth.bytes()));
    lastSeqs.forEach((stream, seq) -> lastBatchSeqs.merge(stream, seq, Math::max));
    ledger.load(writer);
  }

  /** {@link #load} after a failed write; logs instead of failing. */
  void reloadQuietly() {
    try {
      load();
    } catch (SQLException e) {
      log.warn("queue could not reload its totals after a failed write: {}", e.getMessage());
    }
  }

  /** A snapshot for {@link SqliteDurableQueue#stats}, reading the oldest batch of each stream. */
  QueueStats stats(long quarantined) {
    Map<String, Long> oldest = new HashMap<>();
    try (PreparedStatement select =
        writer.prepareStatement("SELECT MIN(sealed_at_ms) FROM batches WHERE stream = ?")) {
      for (Map.Entry<String, RunningTotals.Depth> entry : totals.byStream().entrySet()) {
        if (entry.getValue().batches() == 0) {
          continue;
        }
        select.setString(1, entry.getKey());
        try (ResultSet row = select.executeQuery()) {
          row.next();
          oldest.put(entry.getKey(), row.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("stats", db, e);
    }
    return StatsSnapshot.of(totals, lastBatchSeqs, oldest::get, evicted, quarantined);
  }
}
