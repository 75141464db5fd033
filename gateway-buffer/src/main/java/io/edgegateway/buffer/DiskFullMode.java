package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's behaviour when its disk is full. {@link ReserveFile} keeps {@value
 * SqliteDurableQueue#DEFAULT_RESERVE_BYTES} bytes on disk; on the first SQLITE_FULL it is deleted
 * and the queue enters disk-full mode, where appends use only free pages or evict (reason {@value
 * SqliteDurableQueue#EVICTED_FOR_DISK_FULL}), until the file system has room for the reserve again.
 * The WAL is checkpointed every {@value SqliteConnections#WAL_AUTOCHECKPOINT_PAGES} pages so that
 * its unfolded part stays below the reserve. Guarded by the queue's write lock, except {@link #on}.
 */
final class DiskFullMode {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private static final int RESERVE_RETRY_SECONDS = 10;
  private static final long RESERVE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(RESERVE_RETRY_SECONDS);

  private final Path db;
  private final Connection writer;
  private final Clock clock;
  private final ReserveFile reserve;
  private final EvictionPolicy policy;
  private final BatchEvictor evictor;
  private final WriteTransactions transactions;
  private final QueueState state;

  private volatile boolean on; // written under writeLock, read anywhere by on()
  private long nextReserveNanos;
  private long pageSize = 4096;

  DiskFullMode(
      Path db,
      Connection writer,
      Clock clock,
      ReserveFile reserve,
      EvictionPolicy policy,
      BatchEvictor evictor,
      WriteTransactions transactions,
      QueueState state) {
    this.db = db;
    this.writer = writer;
    this.clock = clock;
    this.reserve = reserve;
    this.policy = policy;
    this.evictor = evictor;
    this.transactions = transactions;
    this.state = state;
  }

  /**
   * Reads the page size at open; starts in disk-full mode if the reserve could not be written
   * ({@code reserved} false).
   */
  void opened(boolean reserved) throws SQLException {
    pageSize = pragmaLong("page_size");
    if (!reserved) {
      on = true;
      nextReserveNanos = clock.monotonicNanos() + RESERVE_RETRY_NANOS;
      log.warn(
          "queue disk reserve of {} bytes could not be written next to {}; starting in"
              + " disk-full mode (appends reuse freed space or evict)",
          reserve.bytes(),
          db);
    }
  }

  /** Whether the queue is in disk-full mode; safe from any thread. */
  boolean on() {
    return on;
  }

  /**
   * Makes room for {@code batch} while the disk is full: only the database's free pages may take
   * it. If they do not hold the batch, first evicts the oldest batches of the lowest priorities not
   * above the batch's, as many as make room; if those are not enough, evicts nothing and fails.
   *
   * @param full the SQLITE_FULL that started disk-full mode, null if it was on already
   * @throws QueueException if there is no room; the batch is then not to be stored
   */
  void makeRoomFor(SealedBatch batch, long size, @Nullable SQLException full) {
    List<BatchRow> victims = List.of();
    try {
      long needed = pagesFor(size) * pageSize;
      long free = pragmaLong("freelist_count") * pageSize;
      if (free < needed) {
        victims = evictor.chooseForDiskFull(batch.priority(), policy.forDiskFull(needed - free));
        if (victims.isEmpty()) {
          log.warn(
              "queue disk full: batch {} ({} bytes, priority {}) not stored; batches of lower or"
                  + " equal priority do not hold enough bytes to evict",
              BatchAppender.name(batch),
              size,
              batch.priority());
          throw failure(batch, full);
        }
        List<BatchRow> chosen = victims;
        transactions.runWithoutResult(
            () -> evictor.evict(chosen, SqliteDurableQueue.EVICTED_FOR_DISK_FULL));
        checkpoint();
      }
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException("append " + BatchAppender.name(batch), db, e);
    }
    state.forgetEvicted(victims, SqliteDurableQueue.EVICTED_FOR_DISK_FULL);
    if (!victims.isEmpty()) {
      log.debug(
          "queue disk full: evicted {} batches ({} bytes) of priority <= {} to append {}",
          victims.size(),
          BatchRow.totalBytes(victims),
          batch.priority(),
          BatchAppender.name(batch));
    }
  }

  private QueueException failure(SealedBatch batch, @Nullable SQLException full) {
    if (full != null) {
      return SqliteErrors.toQueueException("append " + BatchAppender.name(batch), db, full);
    }
    return new QueueException(
        "queue append "
            + BatchAppender.name(batch)
            + " failed: the disk holding "
            + db
            + " is full and no batch of priority <= "
            + batch.priority()
            + " can be evicted to make room");
  }

  /** Pages a row of {@code payloadBytes} takes, with room for the b-tree pages it may split. */
  private long pagesFor(long payloadBytes) {
    return (payloadBytes + pageSize - 5) / (pageSize - 4) + 8;
  }

  /**
   * Switches to disk-full mode after an SQLITE_FULL: gives the reserve file back to the file system
   * and checkpoints the WAL. From now on appends reuse free pages or evict, so that the reserve's
   * space goes to deletes and checkpoints, not to more batches.
   */
  void enter() {
    on = true;
    nextReserveNanos = clock.monotonicNanos() + RESERVE_RETRY_NANOS;
    reserve.release();
    checkpoint();
    state.audit().diskFull(true);
    log.warn(
        "queue disk full at {}: appends now reuse freed space or evict (reason disk_full) until"
            + " the disk has room again",
        db);
  }

  /**
   * Whether an SQLITE_FULL came from the file system: it has no room for {@code size} bytes plus
   * the reserve. If it has, the limit was SQLite's own (e.g. {@code max_page_count}).
   */
  boolean fileSystemFull(long size) {
    try {
      return Files.getFileStore(db.getParent()).getUsableSpace() < size + 2 * reserve.bytes();
    } catch (IOException e) {
      return true;
    }
  }

  /** Folds the WAL into the database file as far as readers allow; logs a failure. */
  void checkpoint() {
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      log.debug("queue checkpoint on a full disk failed: {}", e.getMessage());
    }
  }

  private long pragmaLong(String name) throws SQLException {
    try (Statement statement = writer.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  /**
   * Runs {@code write}; if the disk is full, gives back the reserve file, checkpoints the WAL into
   * the database file and runs it once more.
   */
  <T> T retryOnceIfFull(SqlWrite<T> write) throws SQLException {
    try {
      return write.run();
    } catch (SQLException e) {
      if (!SqliteErrors.isFull(e)) {
        throw e;
      }
      relieve();
      try {
        return write.run();
      } catch (SQLException again) {
        again.addSuppressed(e);
        throw again;
      }
    }
  }

  /** As {@link #retryOnceIfFull(SqlWrite)}, for a write that returns nothing. */
  void retryOnceIfFullWithoutResult(SqlWrite.NoResult write) throws SQLException {
    retryOnceIfFull(write.asWrite());
  }

  /**
   * Frees what can be freed without losing a batch: deletes the reserve file and checkpoints the
   * WAL, so that the next write reuses the WAL file from its start and the database's free pages.
   */
  private void relieve() {
    if (!on) {
      enter();
    } else {
      checkpoint();
    }
  }

  /** After batches were deleted in disk-full mode: checkpoints, and restores the reserve if due. */
  void afterDelete() {
    if (on) {
      checkpoint();
      restoreReserveIfDue();
    }
  }

  /**
   * In disk-full mode, at most every {@value #RESERVE_RETRY_SECONDS} seconds: if the file system
   * has room for twice the reserve again, recreates it and leaves disk-full mode.
   */
  void restoreReserveIfDue() {
    if (!on || clock.monotonicNanos() - nextReserveNanos < 0) {
      return;
    }
    nextReserveNanos = clock.monotonicNanos() + RESERVE_RETRY_NANOS;
    try {
      if (Files.getFileStore(db.getParent()).getUsableSpace() < 2 * reserve.bytes()) {
        return;
      }
    } catch (IOException e) {
      return;
    }
    if (reserve.create()) {
      on = false;
      state.audit().diskFull(false);
      log.info("queue disk has room again at {}: disk reserve restored, appends grow the file", db);
    }
  }
}
