package io.edgegateway.buffer;

import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an open queue in its data directory: the {@link DataDirLock}, {@code queue.db}
 * behind its writing and read-only connections, and the {@link ReserveFile}. Opening checks the
 * file first ({@link Quarantine}) and creates or verifies the {@link Schema}; a failure at any
 * step, including in the caller's own start-up, closes what was opened.
 */
final class QueueFiles {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private static final String LOCK_FILE_NAME = "queue.lock";
  private static final String RESERVE_FILE_NAME = "queue.reserve";

  /** The caller's start-up on freshly opened files. */
  @FunctionalInterface
  interface StartUp<T> {
    T start(QueueFiles files) throws SQLException;
  }

  private final Path db;
  private final DataDirLock dataDirLock;
  private final int quarantined;
  private final Connection writer;
  private final Connection reader;
  private final ReserveFile reserve;
  private final boolean reserved;

  private QueueFiles(
      Path db,
      DataDirLock dataDirLock,
      int quarantined,
      Connection writer,
      Connection reader,
      ReserveFile reserve,
      boolean reserved) {
    this.db = db;
    this.dataDirLock = dataDirLock;
    this.quarantined = quarantined;
    this.writer = writer;
    this.reader = reader;
    this.reserve = reserve;
    this.reserved = reserved;
  }

  /**
   * Opens the files for the database {@code db} in {@code dataDir} and runs {@code startUp} on
   * them.
   *
   * @param maxPageCount page cap of the file, 0 for none
   * @throws QueueException if a step failed; everything opened is closed again then
   */
  static <T> T open(
      Path dataDir,
      Path db,
      Durability durability,
      Clock clock,
      long maxPageCount,
      long reserveBytes,
      StartUp<T> startUp) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new QueueException("cannot create queue directory " + dataDir + ": " + e, e);
    }
    DataDirLock dataDirLock = DataDirLock.acquire(dataDir.resolve(LOCK_FILE_NAME), db);
    Connection writer = null;
    Connection reader = null;
    try {
      int quarantined = Quarantine.checkAndMoveAside(db, clock.wallMillis());
      writer = SqliteConnections.openWriter(db, durability, maxPageCount);
      Schema.createOrVerify(writer, db);
      reader = SqliteConnections.openReader(db);
      ReserveFile reserve = new ReserveFile(dataDir.resolve(RESERVE_FILE_NAME), reserveBytes);
      boolean reserved = reserve.create();
      return startUp.start(
          new QueueFiles(db, dataDirLock, quarantined, writer, reader, reserve, reserved));
    } catch (SQLException | IOException | RuntimeException e) {
      SqliteConnections.closeQuietly(reader);
      SqliteConnections.closeQuietly(writer);
      dataDirLock.close();
      if (e instanceof SQLException sql) {
        throw SqliteErrors.toQueueException("open", db, sql);
      }
      if (e instanceof IOException io) {
        throw new QueueException("cannot move corrupt queue file " + db + " aside: " + io, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Closes the reader, checkpoints the WAL into the file, closes the writer and the lock. */
  void close() {
    SqliteConnections.closeQuietly(reader);
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      log.warn(
          "queue checkpoint on close failed, the WAL is replayed on next open: {}", e.getMessage());
    }
    SqliteConnections.closeQuietly(writer);
    dataDirLock.close();
  }

  /** Value of {@code PRAGMA name} on the writing connection; the caller holds the write lock. */
  @Nullable String writerPragma(String name) {
    try (Statement statement = writer.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      return row.next() ? row.getString(1) : null;
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("PRAGMA " + name, db, e);
    }
  }

  Path db() {
    return db;
  }

  /** Corrupt files moved aside at open: 0 or 1. */
  int quarantined() {
    return quarantined;
  }

  Connection writer() {
    return writer;
  }

  Connection reader() {
    return reader;
  }

  ReserveFile reserve() {
    return reserve;
  }

  /** Whether the reserve could be written at open. */
  boolean reserved() {
    return reserved;
  }
}
