package io.edgegateway.buffer;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens the connections to {@code queue.db}: the writer, in WAL mode with the durability's {@code
 * synchronous} setting, and read-only readers.
 */
final class SqliteConnections {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private static final int BUSY_TIMEOUT_MS = 5_000;

  /** Bytes the WAL is truncated to after a checkpoint. */
  static final long JOURNAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

  /** Pages after which the WAL is checkpointed, so its unfolded part stays below the reserve. */
  static final int WAL_AUTOCHECKPOINT_PAGES = 256;

  private SqliteConnections() {}

  /**
   * Opens the writing connection, checks that it is in WAL mode and sets its pragmas; caps the file
   * at {@code maxPageCount} pages unless it is 0.
   */
  static Connection openWriter(Path db, Durability durability, long maxPageCount)
      throws SQLException {
    Connection writer = connect(db, writerConfig(durability));
    try {
      requireWal(writer, db);
      try (Statement statement = writer.createStatement()) {
        statement.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT_BYTES);
        statement.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
        if (maxPageCount > 0) {
          statement.execute("PRAGMA max_page_count = " + maxPageCount);
        }
      }
      return writer;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  /** Opens a read-only connection. */
  static Connection openReader(Path db) throws SQLException {
    return connect(db, readerConfig());
  }

  /** Closes {@code connection} if there is one, logging instead of failing. */
  static void closeQuietly(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("queue connection did not close cleanly: {}", e.getMessage());
    }
  }

  private static Connection connect(Path db, SQLiteConfig config) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
  }

  private static SQLiteConfig writerConfig(Durability durability) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        durability == Durability.POWER
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }

  private static void requireWal(Connection connection, Path db) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
      String mode = row.next() ? row.getString(1) : "unknown";
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new QueueException(
            db
                + " could not be switched to WAL mode (journal_mode is "
                + mode
                + "); put data_dir on a local file system");
      }
    }
  }
}
