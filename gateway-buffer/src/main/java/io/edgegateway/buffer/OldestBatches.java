package io.edgegateway.buffer;

import io.edgegateway.core.batch.BatchHeaders;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.StreamHead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the oldest waiting batches for the uplink on the queue's read-only connection; thanks to
 * WAL it sees the last commit while the writer is busy. Incident batches (header {@value
 * BatchHeaders#INCIDENT_ID}) come first, then the others, each in append order. Guarded by the
 * queue's read lock.
 */
final class OldestBatches {

  private static final String COLUMNS =
      "SELECT id, stream, batch_seq, priority, sealed_at_ms, records, first_ns, last_ns,"
          + " uncompressed_bytes, bytes, payload FROM batches";
  private static final String SELECT_OLDEST = COLUMNS + " ORDER BY id LIMIT ?";
  private static final String SELECT_EXPRESS =
      COLUMNS
          + " WHERE id IN (SELECT batch_id FROM batch_headers WHERE name = '"
          + BatchHeaders.INCIDENT_ID
          + "') ORDER BY id LIMIT ?";

  /**
   * Per stream with waiting batches: its oldest batch (by {@code batch_seq}, the unique index) and
   * its highest waiting priority ({@code batches_by_stream_priority}); one index probe each.
   */
  private static final String SELECT_HEADS =
      "SELECT s.stream, b.id, b.sealed_at_ms,"
          + " (SELECT MAX(p.priority) FROM batches p WHERE p.stream = s.stream)"
          + " FROM streams s JOIN batches b ON b.id ="
          + " (SELECT h.id FROM batches h WHERE h.stream = s.stream ORDER BY h.batch_seq LIMIT 1)";

  private static final String SELECT_OF_STREAM =
      "SELECT id, stream, batch_seq, priority, sealed_at_ms, records, first_ns, last_ns,"
          + " uncompressed_bytes, bytes, payload FROM batches WHERE stream = ?"
          + " ORDER BY batch_seq LIMIT ?";

  private final Path db;
  private final Connection reader;

  OldestBatches(Path db, Connection reader) {
    this.db = db;
    this.reader = reader;
  }

  /** See {@link SqliteDurableQueue#oldest}. */
  List<StoredBatch> oldest(int maxBatches, long maxBytes) {
    Selection selection = new Selection(maxBatches, maxBytes);
    try {
      selection.add(SELECT_EXPRESS, maxBatches);
      if (!selection.full) {
        // the regular rows repeat the express ones already taken: read past them
        selection.add(SELECT_OLDEST, maxBatches + selection.result.size());
      }
      return List.copyOf(BatchHeaderRows.withHeaders(reader, selection.result));
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("read of the oldest batches", db, e);
    }
  }

  /** The round being selected, within its limits. */
  private final class Selection {
    private final int maxBatches;
    private final long maxBytes;
    private final List<StoredBatch> result = new ArrayList<>();
    private final Set<Long> taken = new HashSet<>();
    private long total;
    private boolean full;

    Selection(int maxBatches, long maxBytes) {
      this.maxBatches = maxBatches;
      this.maxBytes = maxBytes;
    }

    /** Adds the rows of {@code sql} not taken yet until a limit is reached. */
    void add(String sql, int limit) throws SQLException {
      try (PreparedStatement select = reader.prepareStatement(sql)) {
        select.setInt(1, limit);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            long id = rows.getLong("id");
            if (taken.contains(id)) {
              continue;
            }
            long bytes = rows.getLong("bytes");
            if (result.size() >= maxBatches || (!result.isEmpty() && total + bytes > maxBytes)) {
              full = true;
              return;
            }
            total += bytes;
            result.add(toStoredBatch(rows));
            taken.add(id);
          }
        }
      }
    }
  }

  /** See {@link SqliteDurableQueue#next}. */
  List<StoredBatch> next(int maxBatches, long maxBytes, Comparator<StreamHead> order) {
    List<StoredBatch> result = new ArrayList<>();
    long total = 0;
    try {
      List<StreamHead> heads = new ArrayList<>();
      try (PreparedStatement select = reader.prepareStatement(SELECT_HEADS);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          heads.add(
              new StreamHead(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getInt(4)));
        }
      }
      heads.sort(order);
      try (PreparedStatement select = reader.prepareStatement(SELECT_OF_STREAM)) {
        for (StreamHead head : heads) {
          select.setString(1, head.stream());
          select.setInt(2, maxBatches - result.size());
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              long bytes = rows.getLong("bytes");
              if (!result.isEmpty() && total + bytes > maxBytes) {
                return List.copyOf(BatchHeaderRows.withHeaders(reader, result));
              }
              total += bytes;
              result.add(toStoredBatch(rows));
            }
          }
          if (result.size() >= maxBatches) {
            break;
          }
        }
      }
      // the batches' extra headers (an incident's eg-incident-id), as oldest() gives them
      return List.copyOf(BatchHeaderRows.withHeaders(reader, result));
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("read of the next batches", db, e);
    }
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
