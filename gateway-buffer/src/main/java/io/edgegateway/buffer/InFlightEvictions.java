package io.edgegateway.buffer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evictions of leased batches, waiting for the outcome of the delivery they are part of ({@code
 * evicted_in_flight}). Evicting a batch the sender holds deletes its row at once (so a full disk or
 * the quota gets its room) but not its per-topic summary, and records the batch here instead of in
 * the ledger. When its delivery ends, it is counted once: as uploaded if it is acknowledged or a
 * checkpoint covers it ({@link #settleUploaded}, {@link #settleThrough}), as evicted for its reason
 * if the sender asks for the next round without acknowledging it ({@link #settleEvicted}). The
 * table survives a crash: the reconciliation's {@code dropThrough} after the restart settles what
 * the committed checkpoints cover, the first {@code oldest()} the rest.
 *
 * <p>Every method runs inside the caller's transaction on the writing connection; the caller holds
 * the queue's write lock.
 */
final class InFlightEvictions {

  /** An eviction settled as evicted: the batch's stream and the reason to count it under. */
  record Settled(String stream, String reason) {}

  private final LedgerStore ledger;
  private boolean maybePending;

  InFlightEvictions(LedgerStore ledger) {
    this.ledger = ledger;
  }

  /** Learns whether the file holds pending evictions (left by an earlier process). */
  void load(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM evicted_in_flight")) {
      maybePending = rows.next() && rows.getLong(1) > 0;
    }
  }

  /** Whether there may be pending evictions to settle; false only when there are none. */
  boolean maybePending() {
    return maybePending;
  }

  /** Records the leased rows {@code rows}, deleted in this transaction, as evicted in flight. */
  void record(Connection c, List<BatchRow> rows, Leases leases, String reason) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT OR REPLACE INTO evicted_in_flight (batch_id, stream, batch_seq, reason)"
                + " VALUES (?, ?, ?, ?)")) {
      for (BatchRow row : rows) {
        insert.setLong(1, row.id());
        insert.setString(2, row.stream());
        insert.setLong(3, leases.get(row.id()).batchSeq());
        insert.setString(4, reason);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    maybePending = true;
  }

  /** Counts those of {@code ids} that were evicted in flight as uploaded: they were delivered. */
  void settleUploaded(Connection c, List<Long> ids) throws SQLException {
    if (!maybePending || ids.isEmpty()) {
      return;
    }
    List<Long> settled = new ArrayList<>();
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM evicted_in_flight WHERE batch_id = ? RETURNING batch_id")) {
      for (long id : ids) {
        delete.setLong(1, id);
        try (ResultSet row = delete.executeQuery()) {
          if (row.next()) {
            settled.add(id);
          }
        }
      }
    }
    ledger.removed(c, settled, null);
  }

  /** Counts the evictions in flight of {@code stream} through {@code batchSeq} as uploaded. */
  void settleThrough(Connection c, String stream, long batchSeq) throws SQLException {
    if (!maybePending) {
      return;
    }
    List<Long> settled = new ArrayList<>();
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM evicted_in_flight WHERE stream = ? AND batch_seq <= ?"
                + " RETURNING batch_id")) {
      delete.setString(1, stream);
      delete.setLong(2, batchSeq);
      try (ResultSet rows = delete.executeQuery()) {
        while (rows.next()) {
          settled.add(rows.getLong(1));
        }
      }
    }
    ledger.removed(c, settled, null);
  }

  /**
   * Counts every eviction in flight as evicted for its reason: their deliveries ended without an
   * acknowledgement. Call {@link #settledAll} after the commit.
   */
  List<Settled> settleEvicted(Connection c) throws SQLException {
    Map<String, List<Long>> idsByReason = new TreeMap<>();
    List<Settled> settled = new ArrayList<>();
    try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM evicted_in_flight RETURNING batch_id, stream, reason");
        ResultSet rows = delete.executeQuery()) {
      while (rows.next()) {
        idsByReason.computeIfAbsent(rows.getString(3), r -> new ArrayList<>()).add(rows.getLong(1));
        settled.add(new Settled(rows.getString(2), rows.getString(3)));
      }
    }
    for (Map.Entry<String, List<Long>> e : idsByReason.entrySet()) {
      ledger.removed(c, e.getValue(), e.getKey());
    }
    return settled;
  }

  /** The transaction of {@link #settleEvicted} committed: nothing is pending any more. */
  void settledAll() {
    maybePending = false;
  }
}
