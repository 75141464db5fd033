package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of {@code queue.db} and the check that a database file has the version this code
 * reads.
 *
 * <p>{@code batches.payload} is the last column on purpose: SQLite stores a large blob in overflow
 * pages, and reading a column after it would walk that chain. Eviction and the totals read only the
 * small columns before it.
 */
final class Schema {

  /** Version written to {@code meta.schema_version}; bump with a migration when tables change. */
  static final int VERSION = 1;

  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS meta (" + "key TEXT PRIMARY KEY, " + "value TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS streams ("
              + "stream TEXT PRIMARY KEY, "
              + "last_batch_seq INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS batches ("
              + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
              + "stream TEXT NOT NULL, "
              + "batch_seq INTEGER NOT NULL, "
              + "priority INTEGER NOT NULL, "
              + "sealed_at_ms INTEGER NOT NULL, "
              + "records INTEGER NOT NULL, "
              + "first_ns INTEGER NOT NULL, "
              + "last_ns INTEGER NOT NULL, "
              + "uncompressed_bytes INTEGER NOT NULL, "
              + "bytes INTEGER NOT NULL, "
              + "payload BLOB NOT NULL, "
              + "UNIQUE (stream, batch_seq))",
          "CREATE INDEX IF NOT EXISTS batches_by_eviction_order ON batches (priority, id)",
          "CREATE INDEX IF NOT EXISTS batches_by_stream_age ON batches (stream, sealed_at_ms)");

  private Schema() {}

  /** Creates the tables if they are missing and checks the version of an existing file. */
  static void createOrVerify(Connection connection, Path db) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        for (String ddl : DDL) {
          statement.execute(ddl);
        }
        statement.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" + VERSION + "')");
        verify(connection, db);
        statement.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        statement.execute("ROLLBACK");
        throw e;
      }
    }
  }

  /** Throws if the file at {@code db} was written by a newer or unknown schema. */
  static void verify(Connection connection, Path db) throws SQLException {
    String version;
    try (PreparedStatement select =
            connection.prepareStatement("SELECT value FROM meta WHERE key = 'schema_version'");
        ResultSet row = select.executeQuery()) {
      version = row.next() ? row.getString(1) : null;
    }
    if (!String.valueOf(VERSION).equals(version)) {
      throw new QueueException(
          db
              + " has queue schema version "
              + version
              + " but this gateway reads version "
              + VERSION
              + "; use a gateway release that matches, or move the file away to start empty");
    }
  }
}
