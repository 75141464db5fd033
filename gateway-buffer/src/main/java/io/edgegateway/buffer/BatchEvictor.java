package io.edgegateway.buffer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of eviction on the writing connection: reads candidates in eviction order for an {@link
 * EvictionPolicy.Victims} choice, deletes the batches chosen and records them in the ledger as
 * evicted for a reason, or, for batches the uplink holds (leased), in {@link InFlightEvictions}
 * until their delivery ends. Any batch can be evicted, leased or not, so the quota and a full disk
 * always get their room. Each method runs inside the caller's transaction; the caller holds the
 * queue's write lock.
 */
final class BatchEvictor {

  private final Connection writer;
  private final LedgerStore ledger;
  private final Leases leases;
  private final InFlightEvictions inFlight;

  BatchEvictor(Connection writer, LedgerStore ledger, Leases leases, InFlightEvictions inFlight) {
    this.writer = writer;
    this.ledger = ledger;
    this.leases = leases;
    this.inFlight = inFlight;
  }

  /** Makes the quota choice from all batches and evicts the batches chosen. */
  List<BatchRow> evictForQuota(EvictionPolicy.Victims choice) throws SQLException {
    if (!choice.wantsMore()) {
      return List.of();
    }
    try (PreparedStatement select =
            writer.prepareStatement("SELECT id, stream, bytes FROM batches ORDER BY priority, id");
        ResultSet rows = select.executeQuery()) {
      takeWhileWanted(rows, choice);
    }
    List<BatchRow> victims = choice.chosen();
    try (PreparedStatement delete = writer.prepareStatement("DELETE FROM batches WHERE id = ?")) {
      for (BatchRow victim : victims) {
        delete.setLong(1, victim.id());
        delete.addBatch();
      }
      delete.executeBatch();
    }
    recordEvicted(victims, SqliteDurableQueue.EVICTED_FOR_QUOTA);
    return victims;
  }

  /** Makes the disk-full choice from the batches of priority {@code <= priority}; deletes none. */
  List<BatchRow> chooseForDiskFull(int priority, EvictionPolicy.Victims choice)
      throws SQLException {
    try (PreparedStatement select =
        writer.prepareStatement(
            "SELECT id, stream, bytes FROM batches WHERE priority <= ? ORDER BY priority, id")) {
      select.setInt(1, priority);
      try (ResultSet rows = select.executeQuery()) {
        takeWhileWanted(rows, choice);
      }
    }
    return choice.chosen();
  }

  /** Evicts {@code rows} for {@code reason}, one delete each. */
  void evict(List<BatchRow> rows, String reason) throws SQLException {
    try (PreparedStatement delete = writer.prepareStatement("DELETE FROM batches WHERE id = ?")) {
      for (BatchRow row : rows) {
        delete.setLong(1, row.id());
        delete.executeUpdate();
      }
    }
    recordEvicted(rows, reason);
  }

  /** Evicts every batch sealed before {@code cutoffMillis} for the TTL and returns them. */
  List<BatchRow> evictSealedBefore(long cutoffMillis) throws SQLException {
    List<BatchRow> expired = new ArrayList<>();
    try (PreparedStatement delete =
        writer.prepareStatement(
            "DELETE FROM batches WHERE sealed_at_ms < ? RETURNING id, stream, bytes")) {
      delete.setLong(1, cutoffMillis);
      try (ResultSet rows = delete.executeQuery()) {
        while (rows.next()) {
          expired.add(BatchRow.at(rows));
        }
      }
    }
    recordEvicted(expired, SqliteDurableQueue.EVICTED_FOR_TTL);
    return expired;
  }

  /**
   * Counts the deleted {@code rows} as evicted for {@code reason} in the ledger, except those the
   * uplink holds: their eviction waits in {@link InFlightEvictions} for the delivery's outcome.
   */
  private void recordEvicted(List<BatchRow> rows, String reason) throws SQLException {
    List<BatchRow> idle = new ArrayList<>(rows.size());
    List<BatchRow> leased = new ArrayList<>();
    for (BatchRow row : rows) {
      (leases.contains(row.id()) ? leased : idle).add(row);
    }
    ledger.removed(writer, BatchRow.ids(idle), reason);
    inFlight.record(writer, leased, leases, reason);
  }

  private static void takeWhileWanted(ResultSet rows, EvictionPolicy.Victims choice)
      throws SQLException {
    while (choice.wantsMore() && rows.next()) {
      choice.take(BatchRow.at(rows));
    }
  }
}
