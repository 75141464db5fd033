package io.edgegateway.buffer;

import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes batches that reached the remote end: those the uplink acknowledges, and those a committed
 * checkpoint covers ({@code dropThrough} at start-up), each call in one transaction that counts
 * them as uploaded in the ledger, together with those of them that were evicted while the uplink
 * was delivering them ({@link InFlightEvictions}): they reached the remote end all the same.
 * Guarded by the queue's write lock.
 */
final class DeliveredBatches {

  private final Path db;
  private final Connection writer;
  private final WriteTransactions transactions;
  private final LedgerStore ledger;
  private final QueueState state;
  private final DiskFullMode diskFull;
  private final Leases leases;
  private final InFlightEvictions inFlight;

  DeliveredBatches(
      Path db,
      Connection writer,
      WriteTransactions transactions,
      LedgerStore ledger,
      QueueState state,
      DiskFullMode diskFull,
      Leases leases,
      InFlightEvictions inFlight) {
    this.db = db;
    this.writer = writer;
    this.transactions = transactions;
    this.ledger = ledger;
    this.state = state;
    this.diskFull = diskFull;
    this.leases = leases;
    this.inFlight = inFlight;
  }

  /** See {@link SqliteDurableQueue#acknowledge}; {@code delivered} is not empty. */
  void acknowledge(List<StoredBatch> delivered) {
    List<BatchRow> deleted;
    try {
      deleted = diskFull.retryOnceIfFull(() -> transactions.run(() -> deleteDelivered(delivered)));
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException("acknowledge of " + delivered.size() + " batches", db, e);
    }
    for (BatchRow row : deleted) {
      state.forgetDeleted(row);
    }
    List<Long> ids = new ArrayList<>(delivered.size());
    delivered.forEach(b -> ids.add(b.id()));
    leases.release(ids);
    diskFull.afterDelete();
  }

  private List<BatchRow> deleteDelivered(List<StoredBatch> delivered) throws SQLException {
    List<BatchRow> deleted = new ArrayList<>();
    try (PreparedStatement delete =
        writer.prepareStatement("DELETE FROM batches WHERE id = ? RETURNING id, stream, bytes")) {
      for (StoredBatch batch : delivered) {
        delete.setLong(1, batch.id());
        try (ResultSet row = delete.executeQuery()) {
          if (row.next()) {
            deleted.add(BatchRow.at(row));
          }
        }
      }
    }
    ledger.removed(writer, BatchRow.ids(deleted), null);
    Set<Long> stillStored = new HashSet<>(BatchRow.ids(deleted));
    List<Long> evictedInFlight = new ArrayList<>();
    for (StoredBatch batch : delivered) {
      if (!stillStored.contains(batch.id())) {
        evictedInFlight.add(batch.id());
      }
    }
    inFlight.settleUploaded(writer, evictedInFlight);
    return deleted;
  }

  /** See {@link SqliteDurableQueue#dropThrough}. */
  int dropThrough(String stream, long batchSeq) {
    long last = state.lastBatchSeq(stream);
    List<BatchRow> deleted;
    try {
      deleted =
          transactions.run(
              () -> {
                List<BatchRow> rows = new ArrayList<>();
                try (PreparedStatement delete =
                    writer.prepareStatement(
                        "DELETE FROM batches WHERE stream = ? AND batch_seq <= ?"
                            + " RETURNING id, stream, bytes")) {
                  delete.setString(1, stream);
                  delete.setLong(2, batchSeq);
                  try (ResultSet found = delete.executeQuery()) {
                    while (found.next()) {
                      rows.add(BatchRow.at(found));
                    }
                  }
                }
                ledger.removed(writer, BatchRow.ids(rows), null);
                inFlight.settleThrough(writer, stream, batchSeq);
                if (batchSeq > last) {
                  state.writeLastBatchSeq(stream, batchSeq);
                }
                return rows;
              });
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException(
          "drop of stream " + stream + " through batch_seq " + batchSeq, db, e);
    }
    for (BatchRow row : deleted) {
      state.forgetDeleted(row);
    }
    leases.releaseThrough(stream, batchSeq);
    if (batchSeq > last) {
      state.raiseLastBatchSeq(stream, batchSeq);
    }
    return deleted.size();
  }
}
