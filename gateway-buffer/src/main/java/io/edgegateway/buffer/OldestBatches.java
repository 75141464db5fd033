package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the oldest waiting batches for the uplink on the queue's read-only connection; thanks to
 * WAL it sees the last commit while the writer is busy. Guarded by the queue's read lock.
 */
final class OldestBatches {

  private static final String SELECT_OLDEST =
      "SELECT id, stream, batch_seq, priority, sealed_at_ms, records, first_ns, last_ns,"
          + " uncompressed_bytes, bytes, payload FROM batches ORDER BY id LIMIT ?";

  private final Path db;
  private final Connection reader;

  OldestBatches(Path db, Connection reader) {
    this.db = db;
    this.reader = reader;
  }

  /** See {@link SqliteDurableQueue#oldest}. */
  List<StoredBatch> oldest(int maxBatches, long maxBytes) {
    List<StoredBatch> result = new ArrayList<>();
    long total = 0;
    try (PreparedStatement select = reader.prepareStatement(SELECT_OLDEST)) {
      select.setInt(1, maxBatches);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long bytes = rows.getLong("bytes");
          if (!result.isEmpty() && total + bytes > maxBytes) {
            break;
          }
          total += bytes;
          result.add(toStoredBatch(rows));
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("read of the oldest batches", db, e);
    }
    return List.copyOf(result);
  }

  private static StoredBatch toStoredBatch(ResultSet row) throws SQLException {
    return new StoredBatch(
        row.getLong("id"),
        new SealedBatch(
            row.getString("stream"),
            row.getLong("batch_seq"),
            row.getInt("priority"),
            row.getLong("sealed_at_ms"),
            row.getInt("records"),
            row.getLong("first_ns"),
            row.getLong("last_ns"),
            row.getInt("uncompressed_bytes"),
            row.getBytes("payload")));
  }
}
