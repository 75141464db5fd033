package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
          "CREATE INDEX IF NOT EXISTS batches_by_stream_age ON batches (stream, sealed_at_ms)",
          // the bandwidth budget's class order: a stream's highest waiting priority
          "CREATE INDEX IF NOT EXISTS batches_by_stream_priority ON batches (stream, priority)",
          "CREATE TABLE IF NOT EXISTS batch_topics ("
              + "batch_id INTEGER NOT NULL, "
              + "stream TEXT NOT NULL, "
              + "topic TEXT NOT NULL, "
              + "count INTEGER NOT NULL, "
              + "first_seq INTEGER NOT NULL, "
              + "last_seq INTEGER NOT NULL, "
              + "PRIMARY KEY (batch_id, topic)) WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS ledger ("
              + "stream TEXT NOT NULL, "
              + "topic TEXT NOT NULL, "
              + "sealed INTEGER NOT NULL DEFAULT 0, "
              + "sealed_first INTEGER NOT NULL DEFAULT 0, "
              + "sealed_last INTEGER NOT NULL DEFAULT 0, "
              + "uploaded INTEGER NOT NULL DEFAULT 0, "
              + "uploaded_first INTEGER NOT NULL DEFAULT 0, "
              + "uploaded_last INTEGER NOT NULL DEFAULT 0, "
              + "lost INTEGER NOT NULL DEFAULT 0, "
              + "lost_through INTEGER NOT NULL DEFAULT 0, "
              + "received INTEGER NOT NULL DEFAULT 0, "
              + "sampled_out INTEGER NOT NULL DEFAULT 0, "
              + "intake_dropped INTEGER NOT NULL DEFAULT 0, "
              + "PRIMARY KEY (stream, topic))",
          "CREATE TABLE IF NOT EXISTS ledger_evicted ("
              + "stream TEXT NOT NULL, "
              + "topic TEXT NOT NULL, "
              + "reason TEXT NOT NULL, "
              + "count INTEGER NOT NULL, "
              + "PRIMARY KEY (stream, topic, reason))",
          "CREATE TABLE IF NOT EXISTS ledger_lost ("
              + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
              + "stream TEXT NOT NULL, "
              + "topic TEXT NOT NULL, "
              + "first_seq INTEGER NOT NULL, "
              + "last_seq INTEGER NOT NULL, "
              + "count INTEGER NOT NULL, "
              + "recorded_at_ms INTEGER NOT NULL)",
          "CREATE INDEX IF NOT EXISTS ledger_lost_by_topic ON ledger_lost (stream, topic, id)",
          "CREATE TABLE IF NOT EXISTS evicted_in_flight ("
              + "batch_id INTEGER PRIMARY KEY, "
              + "stream TEXT NOT NULL, "
              + "batch_seq INTEGER NOT NULL, "
              + "reason TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS batch_headers ("
              + "batch_id INTEGER NOT NULL, "
              + "name TEXT NOT NULL, "
              + "value TEXT NOT NULL, "
              + "PRIMARY KEY (batch_id, name)) WITHOUT ROWID",
          "CREATE INDEX IF NOT EXISTS batch_headers_by_value ON batch_headers (name, value)",
          "CREATE TRIGGER IF NOT EXISTS batch_headers_follow_batches AFTER DELETE ON batches"
              + " BEGIN DELETE FROM batch_headers WHERE batch_id = OLD.id; END",
          "CREATE TABLE IF NOT EXISTS append_marks ("
              + "key TEXT PRIMARY KEY, "
              + "samples INTEGER NOT NULL, "
              + "batches INTEGER NOT NULL, "
              + "complete INTEGER NOT NULL)");

  private static final Map<String, List<String>> COLUMNS =
      Map.of(
          "meta",
          List.of("key", "value"),
          "streams",
          List.of("stream", "last_batch_seq"),
          "batches",
          List.of(
              "id",
              "stream",
              "batch_seq",
              "priority",
              "sealed_at_ms",
              "records",
              "first_ns",
              "last_ns",
              "uncompressed_bytes",
              "bytes",
              "payload"));

  /**
   * Tables added after version 1 without a version bump (the completeness ledger, batch headers and
   * append marks): a file that lacks them is still a queue database (they are created at open), one
   * that has them must have these columns.
   */
  private static final Map<String, List<String>> OPTIONAL_COLUMNS =
      Map.of(
          "batch_topics",
          List.of("batch_id", "stream", "topic", "count", "first_seq", "last_seq"),
          "ledger",
          List.of(
              "stream",
              "topic",
              "sealed",
              "sealed_first",
              "sealed_last",
              "uploaded",
              "uploaded_first",
              "uploaded_last",
              "lost",
              "lost_through",
              "received",
              "sampled_out",
              "intake_dropped"),
          "ledger_evicted",
          List.of("stream", "topic", "reason", "count"),
          "ledger_lost",
          List.of("id", "stream", "topic", "first_seq", "last_seq", "count", "recorded_at_ms"),
          "evicted_in_flight",
          List.of("batch_id", "stream", "batch_seq", "reason"),
          "batch_headers",
          List.of("batch_id", "name", "value"),
          "append_marks",
          List.of("key", "samples", "batches", "complete"));

  private Schema() {}

  /**
   * Why the database on {@code connection} is not a queue database, or null if it is one, is empty
   * (a fresh file), or names a newer schema version (which {@link #verify} refuses with its own
   * message instead of treating as corrupt).
   */
  static @Nullable String problem(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    if (tables.isEmpty()) {
      return null;
    }
    if (tables.contains("meta")
        && Objects.equals(COLUMNS.get("meta"), columns(connection, "meta"))) {
      String version;
      try (PreparedStatement select =
              connection.prepareStatement("SELECT value FROM meta WHERE key = 'schema_version'");
          ResultSet row = select.executeQuery()) {
        version = row.next() ? row.getString(1) : null;
      }
      if (version != null && version.matches("[0-9]{1,9}") && Integer.parseInt(version) > VERSION) {
        return null;
      }
    }
    for (Map.Entry<String, List<String>> table : new TreeMap<>(COLUMNS).entrySet()) {
      List<String> found = columns(connection, table.getKey());
      if (!table.getValue().equals(found)) {
        return "not a queue database: table "
            + table.getKey()
            + " has columns "
            + found
            + ", expected "
            + table.getValue();
      }
    }
    for (Map.Entry<String, List<String>> table : new TreeMap<>(OPTIONAL_COLUMNS).entrySet()) {
      if (!tables.contains(table.getKey())) {
        continue;
      }
      List<String> found = columns(connection, table.getKey());
      if (!table.getValue().equals(found)) {
        return "not a queue database: table "
            + table.getKey()
            + " has columns "
            + found
            + ", expected "
            + table.getValue();
      }
    }
    return null;
  }

  private static List<String> columns(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rows.next()) {
        columns.add(rows.getString("name"));
      }
    }
    return columns;
  }

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
