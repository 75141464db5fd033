package io.edgegateway.buffer;

import io.edgegateway.core.port.AppendMark;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows that go with a batch beside {@code batches}: its extra Kafka headers ({@code
 * batch_headers}, deleted with the batch by a trigger, whatever deletes it) and the producers'
 * {@link AppendMark}s ({@code append_marks}, which outlive their batches). Writes run inside the
 * append's transaction, on the writer connection; reads on whichever connection is given.
 */
final class BatchHeaderRows {
  private BatchHeaderRows() {}

  /** Inserts the headers of the batch row {@code batchId}. */
  static void insert(Connection writer, long batchId, Map<String, String> headers)
      throws SQLException {
    if (headers.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        writer.prepareStatement(
            "INSERT INTO batch_headers (batch_id, name, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        insert.setLong(1, batchId);
        insert.setString(2, h.getKey());
        insert.setString(3, h.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Inserts or replaces {@code mark}. */
  static void writeMark(Connection writer, AppendMark mark) throws SQLException {
    try (PreparedStatement upsert =
        writer.prepareStatement(
            "INSERT INTO append_marks (key, samples, batches, complete) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET samples = excluded.samples,"
                + " batches = excluded.batches, complete = excluded.complete")) {
      upsert.setString(1, mark.key());
      upsert.setLong(2, mark.samples());
      upsert.setLong(3, mark.batches());
      upsert.setInt(4, mark.complete() ? 1 : 0);
      upsert.executeUpdate();
    }
  }

  /** The mark of {@code key}, read on {@code connection} of the queue {@code db}. */
  static Optional<AppendMark> mark(Connection connection, Path db, String key) {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT samples, batches, complete FROM append_marks WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new AppendMark(key, row.getLong(1), row.getLong(2), row.getInt(3) != 0));
      }
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("read of the append mark " + key, db, e);
    }
  }

  /** How many waiting batches carry header {@code name} = {@code value}. */
  static int waiting(Connection connection, Path db, String name, String value) {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM batch_headers WHERE name = ? AND value = ?")) {
      select.setString(1, name);
      select.setString(2, value);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("count of the batches with " + name, db, e);
    }
  }

  /** {@code batches} with the headers stored for them. */
  static List<StoredBatch> withHeaders(Connection connection, List<StoredBatch> batches)
      throws SQLException {
    if (batches.isEmpty()) {
      return batches;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (StoredBatch b : batches) {
      min = Math.min(min, b.id());
      max = Math.max(max, b.id());
    }
    Map<Long, Map<String, String>> headers = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT batch_id, name, value FROM batch_headers WHERE batch_id BETWEEN ? AND ?")) {
      select.setLong(1, min);
      select.setLong(2, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          headers
              .computeIfAbsent(rows.getLong(1), id -> new TreeMap<>())
              .put(rows.getString(2), rows.getString(3));
        }
      }
    }
    if (headers.isEmpty()) {
      return batches;
    }
    List<StoredBatch> out = new ArrayList<>(batches.size());
    for (StoredBatch b : batches) {
      Map<String, String> h = headers.get(b.id());
      out.add(h == null ? b : new StoredBatch(b.id(), b.batch().withHeaders(h)));
    }
    return out;
  }
}
