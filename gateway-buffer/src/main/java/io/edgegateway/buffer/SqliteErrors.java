package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into {@link QueueException}s that say what went wrong in plain words. */
final class SqliteErrors {

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private SqliteErrors() {}

  /**
   * A {@link QueueException} for {@code operation} (e.g. {@code "append telemetry/7"}) on the
   * database {@code db}, carrying SQLite's own message.
   */
  static QueueException toQueueException(String operation, Path db, SQLException e) {
    String reason =
        switch (primaryCode(e)) {
          case SQLITE_FULL -> "the disk holding " + db + " is full";
          case SQLITE_BUSY, SQLITE_LOCKED ->
              db + " is locked by another connection or process (busy timeout expired)";
          case SQLITE_READONLY -> db + " is read-only";
          case SQLITE_IOERR -> "disk I/O error on " + db;
          case SQLITE_CORRUPT, SQLITE_NOTADB -> db + " is corrupt or not a queue database";
          case SQLITE_CANTOPEN -> "cannot open " + db;
          default -> "SQLite error on " + db;
        };
    return new QueueException(
        "queue " + operation + " failed: " + reason + " (" + e.getMessage() + ")", e);
  }

  /** Whether {@code e} says the file is corrupt or not a database at all. */
  static boolean isCorruption(SQLException e) {
    int code = primaryCode(e);
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
  }

  /** Whether {@code e} says the disk (or the database's page limit) is full. */
  static boolean isFull(SQLException e) {
    return primaryCode(e) == SQLITE_FULL;
  }

  private static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException sqlite) {
      return sqlite.getResultCode().code & 0xff;
    }
    return e.getErrorCode() & 0xff;
  }
}
