package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A {@link DurableQueue} kept in one SQLite database, {@code <dataDir>/queue.db}, in WAL mode.
 *
 * <p>Implementation notes:
 *
 * <ul>
 *   <li>Two connections. The writer runs {@link #append}, {@link #acknowledge} and {@link #stats}
 *       under {@code writeLock}, each write as one {@code BEGIN IMMEDIATE} transaction. The
 *       read-only reader runs {@link #oldest} under {@code readLock}; thanks to WAL it sees the
 *       last commit while the writer is busy.
 *   <li>Every write goes through the writer, and {@link DataDirLock} keeps other processes out, so
 *       the depth per stream is kept in memory ({@link RunningTotals}): loaded once when opening,
 *       changed only after a commit, reloaded from the file if a transaction fails.
 *   <li>{@code streams.last_batch_seq} is written in the append's transaction, so a sequence number
 *       never repeats, even after every row of the stream was delivered and the process restarted.
 *   <li>{@code batches.id} is {@code AUTOINCREMENT}: ids are never reused, even after the table was
 *       emptied.
 *   <li>The quota counts payload bytes only; the file is larger by SQLite's page overhead and the
 *       WAL (truncated to {@value #JOURNAL_SIZE_LIMIT_BYTES} bytes after a checkpoint).
 *   <li>Full disk: {@link ReserveFile} keeps {@value #DEFAULT_RESERVE_BYTES} bytes on disk; on the
 *       first SQLITE_FULL it is deleted and the queue enters disk-full mode, where appends use only
 *       free pages or evict (reason {@value #EVICTED_FOR_DISK_FULL}), until the file system has
 *       room for the reserve again. The WAL is checkpointed every {@value
 *       #WAL_AUTOCHECKPOINT_PAGES} pages so that its unfolded part stays below the reserve.
 *   <li>At open, {@link Quarantine} moves a corrupt file or WAL aside and a fresh queue starts.
 * </ul>
 */
public final class SqliteDurableQueue implements DurableQueue {

  /** Name of the database file inside the data directory. */
  public static final String FILE_NAME = "queue.db";

  /** Reason under which {@link QueueStats#evictedBatches()} counts batches evicted for space. */
  public static final String EVICTED_FOR_QUOTA = "quota";

  /** Reason under which {@link QueueStats#evictedBatches()} counts batches older than the TTL. */
  public static final String EVICTED_FOR_TTL = "ttl";

  /**
   * Reason under which {@link QueueStats#evictedBatches()} counts batches evicted because the disk
   * was full.
   */
  public static final String EVICTED_FOR_DISK_FULL = "disk_full";

  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private static final String LOCK_FILE_NAME = "queue.lock";
  private static final String RESERVE_FILE_NAME = "queue.reserve";
  private static final int BUSY_TIMEOUT_MS = 5_000;
  private static final long LOCK_TIMEOUT_MS = 30_000;
  private static final long JOURNAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;
  private static final long EXPIRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int RESERVE_RETRY_SECONDS = 10;
  private static final long RESERVE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(RESERVE_RETRY_SECONDS);
  private static final int WAL_AUTOCHECKPOINT_PAGES = 256;

  /** Bytes of {@code queue.reserve}, given back to the file system when the disk is full. */
  static final long DEFAULT_RESERVE_BYTES = 8L * 1024 * 1024;

  private static final String SELECT_OLDEST =
      "SELECT id, stream, batch_seq, priority, sealed_at_ms, records, first_ns, last_ns,"
          + " uncompressed_bytes, bytes, payload FROM batches ORDER BY id LIMIT ?";

  private final Path db;
  private final long quotaBytes;
  private final Durability durability;
  private final Duration ttl;
  private final Clock clock;
  private final long quarantined;
  private final ReserveFile reserve;
  private final DataDirLock dataDirLock;
  private final Connection writer;
  private final Connection reader;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Map<String, Long> lastBatchSeqs = new ConcurrentHashMap<>();

  // Guarded by writeLock.
  private final RunningTotals totals = new RunningTotals();
  private final LedgerStore ledger = new LedgerStore();
  private final Map<String, Map<String, Long>> evicted = new TreeMap<>();
  private boolean evicting;
  private long nextExpiryNanos;
  private long nextReserveNanos;
  private volatile boolean diskFull; // written under writeLock, read anywhere by diskFull()
  private long pageSize = 4096;

  private volatile boolean closed;

  private SqliteDurableQueue(
      Path db,
      long quotaBytes,
      Durability durability,
      Duration ttl,
      Clock clock,
      long quarantined,
      ReserveFile reserve,
      DataDirLock dataDirLock,
      Connection writer,
      Connection reader) {
    this.db = db;
    this.quotaBytes = quotaBytes;
    this.durability = durability;
    this.ttl = ttl;
    this.clock = clock;
    this.quarantined = quarantined;
    this.reserve = reserve;
    this.nextExpiryNanos = clock.monotonicNanos();
    this.dataDirLock = dataDirLock;
    this.writer = writer;
    this.reader = reader;
  }

  /**
   * Opens the queue in {@code dataDir}, creating the directory and {@value #FILE_NAME} when
   * missing.
   *
   * @param dataDir directory holding {@value #FILE_NAME}
   * @param maxBytes payload-byte quota; past it, appends evict lowest priority, oldest first
   * @param durability how each commit is synced
   * @throws QueueException if the file cannot be opened, is not a queue database of this version,
   *     or is already open (in this or another process)
   */
  public static SqliteDurableQueue open(Path dataDir, long maxBytes, Durability durability) {
    return open(dataDir, maxBytes, durability, null, Clock.system(), 0, DEFAULT_RESERVE_BYTES);
  }

  /**
   * As {@link #open(Path, long, Durability)}, and evicts batches sealed more than {@code ttl} ago
   * (by {@code clock}'s wall time), counted under {@value #EVICTED_FOR_TTL}: on {@link #expire()},
   * and at most once a second on {@link #append} and {@link #oldest}.
   */
  public static SqliteDurableQueue open(
      Path dataDir, long maxBytes, Durability durability, Duration ttl, Clock clock) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl : " + ttl + " (expected: > 0)");
    }
    return open(dataDir, maxBytes, durability, ttl, clock, 0, DEFAULT_RESERVE_BYTES);
  }

  /** As {@link #open(Path, long, Durability)}, capping the file at {@code maxPageCount} pages. */
  static SqliteDurableQueue open(
      Path dataDir, long maxBytes, Durability durability, long maxPageCount) {
    return open(
        dataDir, maxBytes, durability, null, Clock.system(), maxPageCount, DEFAULT_RESERVE_BYTES);
  }

  /**
   * As {@link #open(Path, long, Durability)}, keeping a reserve file of {@code reserveBytes} and
   * timing its restoration with {@code clock}.
   */
  static SqliteDurableQueue openWithReserve(
      Path dataDir, long maxBytes, Durability durability, long reserveBytes, Clock clock) {
    return open(dataDir, maxBytes, durability, null, clock, 0, reserveBytes);
  }

  private static SqliteDurableQueue open(
      Path dataDir,
      long maxBytes,
      Durability durability,
      Duration ttl,
      Clock clock,
      long maxPageCount,
      long reserveBytes) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(durability, "durability");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    Path db = dataDir.resolve(FILE_NAME);
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
      writer = connect(db, writerConfig(durability));
      requireWal(writer, db);
      try (Statement statement = writer.createStatement()) {
        statement.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT_BYTES);
        statement.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
        if (maxPageCount > 0) {
          statement.execute("PRAGMA max_page_count = " + maxPageCount);
        }
      }
      Schema.createOrVerify(writer, db);
      reader = connect(db, readerConfig());
      ReserveFile reserve = new ReserveFile(dataDir.resolve(RESERVE_FILE_NAME), reserveBytes);
      boolean reserved = reserve.create();
      SqliteDurableQueue queue =
          new SqliteDurableQueue(
              db,
              maxBytes,
              durability,
              ttl,
              clock,
              quarantined,
              reserve,
              dataDirLock,
              writer,
              reader);
      queue.loadState();
      queue.pageSize = queue.pragmaLong("page_size");
      if (!reserved) {
        queue.diskFull = true;
        queue.nextReserveNanos = clock.monotonicNanos() + RESERVE_RETRY_NANOS;
        log.warn(
            "queue disk reserve of {} bytes could not be written next to {}; starting in"
                + " disk-full mode (appends reuse freed space or evict)",
            reserveBytes,
            db);
      }
      log.info(
          "queue opened: {} ({} batches, {} bytes waiting; quota {} bytes; durability {})",
          db,
          queue.totals.batches(),
          queue.totals.bytes(),
          maxBytes,
          durability);
      return queue;
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(reader);
      closeQuietly(writer);
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

  /**
   * Reads a snapshot of the queue in {@code dataDir} without opening it for writing, e.g. for
   * {@code edge-gateway queue stats}; works while a gateway has the queue open. Evictions are
   * counted per open queue, so {@link QueueStats#evictedBatches()} is empty here. A corrupt file
   * (one that the next {@link #open} moves aside) is reported as an empty queue with {@link
   * QueueStats#quarantinedFiles()} 1.
   *
   * @throws QueueException if there is no queue database in {@code dataDir} or it cannot be read
   */
  public static QueueStats inspect(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path db = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(db)) {
      throw new QueueException("no queue database at " + db);
    }
    try {
      String walProblem = Quarantine.walProblem(db);
      if (walProblem != null) {
        return corrupt(db, walProblem);
      }
    } catch (IOException e) {
      throw new QueueException("cannot read " + Quarantine.wal(db) + ": " + e, e);
    }
    try (Connection connection = connect(db, readerConfig());
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      try {
        String problem = Schema.problem(connection);
        if (problem != null) {
          return corrupt(db, problem);
        }
        Schema.verify(connection, db);
        RunningTotals depth = new RunningTotals();
        Map<String, Long> oldest = new HashMap<>();
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT stream, COUNT(*), SUM(bytes), MIN(sealed_at_ms) FROM batches"
                    + " GROUP BY stream")) {
          while (rows.next()) {
            String stream = rows.getString(1);
            depth.add(stream, rows.getLong(2), rows.getLong(3));
            oldest.put(stream, rows.getLong(4));
          }
        }
        Map<String, Long> lastSeqs = new HashMap<>();
        try (ResultSet rows =
            statement.executeQuery("SELECT stream, last_batch_seq FROM streams")) {
          while (rows.next()) {
            lastSeqs.put(rows.getString(1), rows.getLong(2));
          }
        }
        return snapshot(depth, lastSeqs, oldest::get, Map.of(), 0);
      } finally {
        statement.execute("COMMIT");
      }
    } catch (SQLException e) {
      if (SqliteErrors.isCorruption(e)) {
        return corrupt(db, e.getMessage());
      }
      throw SqliteErrors.toQueueException("inspect", db, e);
    }
  }

  private static QueueStats corrupt(Path db, String problem) {
    log.warn("queue file {} is corrupt ({}); the next start moves it aside", db, problem);
    return new QueueStats(0, 0, 0, Map.of(), Map.of(), 1);
  }

  /**
   * Evicts every batch sealed more than the TTL ago, counted under {@value #EVICTED_FOR_TTL}; does
   * nothing if the queue was opened without a TTL.
   *
   * @return the number of batches evicted
   * @throws QueueException if the store failed
   */
  public int expire() {
    return withLock(
        writeLock,
        () -> {
          ensureOpen();
          try {
            return retryOnceIfFull(this::expireLocked);
          } catch (SQLException e) {
            reloadStateQuietly();
            throw SqliteErrors.toQueueException("expiry", db, e);
          }
        });
  }

  /**
   * Runs {@link #expireLocked} if a second has passed since the last run; the caller holds
   * writeLock.
   */
  private void expireIfDue() {
    if (ttl == null || clock.monotonicNanos() - nextExpiryNanos < 0) {
      return;
    }
    try {
      expireLocked();
    } catch (SQLException e) {
      reloadStateQuietly();
      log.warn("queue TTL expiry failed, retried in a second: {}", e.getMessage());
    }
  }

  private int expireLocked() throws SQLException {
    if (ttl == null) {
      return 0;
    }
    nextExpiryNanos = clock.monotonicNanos() + EXPIRY_INTERVAL_NANOS;
    long cutoff = clock.wallMillis() - ttl.toMillis();
    List<Row> expired = new ArrayList<>();
    try (Statement transaction = writer.createStatement()) {
      transaction.execute("BEGIN IMMEDIATE");
      ledger.begin();
      try (PreparedStatement delete =
          writer.prepareStatement(
              "DELETE FROM batches WHERE sealed_at_ms < ? RETURNING id, stream, bytes")) {
        delete.setLong(1, cutoff);
        try (ResultSet rows = delete.executeQuery()) {
          while (rows.next()) {
            expired.add(new Row(rows.getLong(1), rows.getString(2), rows.getLong(3)));
          }
        }
        ledger.removed(writer, ids(expired), EVICTED_FOR_TTL);
        transaction.execute("COMMIT");
        ledger.committed(writer);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(transaction);
        throw e;
      }
    }
    for (Row row : expired) {
      forgetEvicted(row, EVICTED_FOR_TTL);
    }
    if (!expired.isEmpty()) {
      log.warn(
          "queue evicted {} batches ({} bytes) sealed more than {} ago (buffer.ttl)",
          expired.size(),
          expired.stream().mapToLong(Row::bytes).sum(),
          ttl);
    }
    return expired.size();
  }

  /** Takes an evicted row out of the in-memory totals and counts it by reason. */
  private void forgetEvicted(Row row, String reason) {
    totals.remove(row.stream(), row.bytes());
    evicted.computeIfAbsent(row.stream(), s -> new TreeMap<>()).merge(reason, 1L, Long::sum);
  }

  @Override
  public long lastBatchSeq(String stream) {
    Objects.requireNonNull(stream, "stream");
    return lastBatchSeqs.getOrDefault(stream, 0L);
  }

  @Override
  public void append(SealedBatch batch) {
    Objects.requireNonNull(batch, "batch");
    withLock(
        writeLock,
        () -> {
          ensureOpen();
          String stream = batch.stream();
          long last = lastBatchSeq(stream);
          if (batch.batchSeq() <= last) {
            throw new IllegalArgumentException(
                "batchSeq : "
                    + batch.batchSeq()
                    + " for stream "
                    + stream
                    + " (expected: > "
                    + last
                    + ", the last appended)");
          }
          long size = batch.payload().length;
          if (size > quotaBytes) {
            throw new QueueException(
                "batch "
                    + name(batch)
                    + " has "
                    + size
                    + " payload bytes, more than the whole queue quota of "
                    + quotaBytes
                    + " bytes; raise buffer.max_bytes or lower buffer.batch.max_bytes");
          }
          expireIfDue();
          restoreReserveIfDue();
          List<Row> victims;
          if (diskFull) {
            victims = appendOnFullDisk(batch, size, null);
          } else {
            try {
              victims = appendTransaction(batch, size);
            } catch (SQLException e) {
              reloadStateQuietly();
              if (!SqliteErrors.isFull(e) || !fileSystemFull(size)) {
                throw SqliteErrors.toQueueException("append " + name(batch), db, e);
              }
              enterDiskFull();
              victims = appendOnFullDisk(batch, size, e);
            }
          }
          for (Row victim : victims) {
            forgetEvicted(victim, EVICTED_FOR_QUOTA);
          }
          totals.add(stream, 1, size);
          lastBatchSeqs.put(stream, batch.batchSeq());
          logEvictions(batch, victims);
          return null;
        });
  }

  /** One transaction: evict to the quota, insert, advance the stream's last batch_seq. */
  private List<Row> appendTransaction(SealedBatch batch, long size) throws SQLException {
    try (Statement transaction = writer.createStatement()) {
      transaction.execute("BEGIN IMMEDIATE");
      ledger.begin();
      try {
        List<Row> victims = evictToFit(size);
        ledger.removed(writer, ids(victims), EVICTED_FOR_QUOTA);
        ledger.sealed(writer, insert(batch), batch);
        recordLastBatchSeq(batch.stream(), batch.batchSeq());
        transaction.execute("COMMIT");
        ledger.committed(writer);
        return victims;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(transaction);
        throw e;
      }
    }
  }

  /**
   * Appends while the disk is full: only into the database's free pages. If they do not hold the
   * batch, first evicts the oldest batches of the lowest priorities not above the batch's, as many
   * as make room; if those are not enough, evicts nothing and fails the append.
   *
   * @param full the SQLITE_FULL that started disk-full mode, null if it was on already
   * @return the batches evicted for the quota
   */
  private List<Row> appendOnFullDisk(SealedBatch batch, long size, SQLException full) {
    List<Row> victims = List.of();
    try {
      long needed = pagesFor(size) * pageSize;
      long free = pragmaLong("freelist_count") * pageSize;
      if (free < needed) {
        victims = diskFullVictims(batch.priority(), needed - free);
        if (victims.isEmpty()) {
          log.warn(
              "queue disk full: batch {} ({} bytes, priority {}) not stored; batches of lower or"
                  + " equal priority do not hold enough bytes to evict",
              name(batch),
              size,
              batch.priority());
          throw diskFullFailure(batch, full);
        }
        deleteInTransaction(victims, EVICTED_FOR_DISK_FULL);
        checkpoint();
      }
    } catch (SQLException e) {
      reloadStateQuietly();
      throw SqliteErrors.toQueueException("append " + name(batch), db, e);
    }
    for (Row victim : victims) {
      forgetEvicted(victim, EVICTED_FOR_DISK_FULL);
    }
    if (!victims.isEmpty()) {
      log.debug(
          "queue disk full: evicted {} batches ({} bytes) of priority <= {} to append {}",
          victims.size(),
          victims.stream().mapToLong(Row::bytes).sum(),
          batch.priority(),
          name(batch));
    }
    try {
      List<Row> quotaVictims = appendTransaction(batch, size);
      checkpoint();
      return quotaVictims;
    } catch (SQLException e) {
      reloadStateQuietly();
      throw SqliteErrors.toQueueException("append " + name(batch), db, e);
    }
  }

  private QueueException diskFullFailure(SealedBatch batch, SQLException full) {
    if (full != null) {
      return SqliteErrors.toQueueException("append " + name(batch), db, full);
    }
    return new QueueException(
        "queue append "
            + name(batch)
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
  private void enterDiskFull() {
    diskFull = true;
    nextReserveNanos = clock.monotonicNanos() + RESERVE_RETRY_NANOS;
    reserve.release();
    checkpoint();
    log.warn(
        "queue disk full at {}: appends now reuse freed space or evict (reason disk_full) until"
            + " the disk has room again",
        db);
  }

  /**
   * Whether an SQLITE_FULL came from the file system: it has no room for {@code size} bytes plus
   * the reserve. If it has, the limit was SQLite's own (e.g. {@code max_page_count}).
   */
  private boolean fileSystemFull(long size) {
    try {
      return Files.getFileStore(db.getParent()).getUsableSpace() < size + 2 * reserve.bytes();
    } catch (IOException e) {
      return true;
    }
  }

  private void checkpoint() {
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

  private List<Row> diskFullVictims(int priority, long size) throws SQLException {
    List<Row> victims = new ArrayList<>();
    long freed = 0;
    try (PreparedStatement select =
        writer.prepareStatement(
            "SELECT id, stream, bytes FROM batches WHERE priority <= ? ORDER BY priority, id")) {
      select.setInt(1, priority);
      try (ResultSet rows = select.executeQuery()) {
        while (freed < size && rows.next()) {
          Row victim = new Row(rows.getLong(1), rows.getString(2), rows.getLong(3));
          victims.add(victim);
          freed += victim.bytes();
        }
      }
    }
    return freed >= size ? victims : List.of();
  }

  private void deleteInTransaction(List<Row> rows, String reason) throws SQLException {
    try (Statement transaction = writer.createStatement()) {
      transaction.execute("BEGIN IMMEDIATE");
      ledger.begin();
      try (PreparedStatement delete = writer.prepareStatement("DELETE FROM batches WHERE id = ?")) {
        for (Row row : rows) {
          delete.setLong(1, row.id());
          delete.executeUpdate();
        }
        ledger.removed(writer, ids(rows), reason);
        transaction.execute("COMMIT");
        ledger.committed(writer);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(transaction);
        throw e;
      }
    }
  }

  @Override
  public List<StoredBatch> oldest(int maxBatches, long maxBytes) {
    if (maxBatches < 1) {
      throw new IllegalArgumentException("maxBatches : " + maxBatches + " (expected: >= 1)");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    if (ttl != null) {
      withLock(
          writeLock,
          () -> {
            ensureOpen();
            expireIfDue();
            return null;
          });
    }
    return withLock(
        readLock,
        () -> {
          ensureOpen();
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
        });
  }

  @Override
  public void acknowledge(List<StoredBatch> delivered) {
    Objects.requireNonNull(delivered, "delivered");
    if (delivered.isEmpty()) {
      return;
    }
    withLock(
        writeLock,
        () -> {
          ensureOpen();
          List<Row> deleted;
          try {
            deleted = retryOnceIfFull(() -> deleteDelivered(delivered));
          } catch (SQLException e) {
            reloadStateQuietly();
            throw SqliteErrors.toQueueException(
                "acknowledge of " + delivered.size() + " batches", db, e);
          }
          for (Row row : deleted) {
            totals.remove(row.stream(), row.bytes());
          }
          if (diskFull) {
            checkpoint();
            restoreReserveIfDue();
          }
          return null;
        });
  }

  private List<Row> deleteDelivered(List<StoredBatch> delivered) throws SQLException {
    List<Row> deleted = new ArrayList<>();
    try (Statement transaction = writer.createStatement()) {
      transaction.execute("BEGIN IMMEDIATE");
      ledger.begin();
      try (PreparedStatement delete =
          writer.prepareStatement("DELETE FROM batches WHERE id = ? RETURNING id, stream, bytes")) {
        for (StoredBatch batch : delivered) {
          delete.setLong(1, batch.id());
          try (ResultSet row = delete.executeQuery()) {
            if (row.next()) {
              deleted.add(new Row(row.getLong(1), row.getString(2), row.getLong(3)));
            }
          }
        }
        ledger.removed(writer, ids(deleted), null);
        transaction.execute("COMMIT");
        ledger.committed(writer);
        return deleted;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(transaction);
        throw e;
      }
    }
  }

  /** A write that may fail with a {@link SQLException}. */
  private interface SqlWrite<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code write}; if the disk is full, gives back the reserve file, checkpoints the WAL into
   * the database file and runs it once more. The caller holds writeLock.
   */
  private <T> T retryOnceIfFull(SqlWrite<T> write) throws SQLException {
    try {
      return write.run();
    } catch (SQLException e) {
      if (!SqliteErrors.isFull(e)) {
        throw e;
      }
      relieveDiskFull();
      try {
        return write.run();
      } catch (SQLException again) {
        again.addSuppressed(e);
        throw again;
      }
    }
  }

  /**
   * Frees what can be freed without losing a batch: deletes the reserve file and checkpoints the
   * WAL, so that the next write reuses the WAL file from its start and the database's free pages.
   */
  private void relieveDiskFull() {
    if (!diskFull) {
      enterDiskFull();
    } else {
      checkpoint();
    }
  }

  /**
   * In disk-full mode, at most every {@value #RESERVE_RETRY_SECONDS} seconds: if the file system
   * has room for twice the reserve again, recreates it and leaves disk-full mode.
   */
  private void restoreReserveIfDue() {
    if (!diskFull || clock.monotonicNanos() - nextReserveNanos < 0) {
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
      diskFull = false;
      log.info("queue disk has room again at {}: disk reserve restored, appends grow the file", db);
    }
  }

  @Override
  public int dropThrough(String stream, long batchSeq) {
    Objects.requireNonNull(stream, "stream");
    if (batchSeq < 0) {
      throw new IllegalArgumentException("batchSeq : " + batchSeq + " (expected: >= 0)");
    }
    return withLock(
        writeLock,
        () -> {
          ensureOpen();
          List<Row> deleted = new ArrayList<>();
          long last = lastBatchSeq(stream);
          try (Statement transaction = writer.createStatement()) {
            transaction.execute("BEGIN IMMEDIATE");
            ledger.begin();
            try (PreparedStatement delete =
                writer.prepareStatement(
                    "DELETE FROM batches WHERE stream = ? AND batch_seq <= ?"
                        + " RETURNING id, stream, bytes")) {
              delete.setString(1, stream);
              delete.setLong(2, batchSeq);
              try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                  deleted.add(new Row(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                }
              }
              ledger.removed(writer, ids(deleted), null);
              if (batchSeq > last) {
                recordLastBatchSeq(stream, batchSeq);
              }
              transaction.execute("COMMIT");
              ledger.committed(writer);
            } catch (SQLException | RuntimeException e) {
              rollbackQuietly(transaction);
              throw e;
            }
          } catch (SQLException e) {
            reloadStateQuietly();
            throw SqliteErrors.toQueueException(
                "drop of stream " + stream + " through batch_seq " + batchSeq, db, e);
          }
          for (Row row : deleted) {
            totals.remove(row.stream(), row.bytes());
          }
          if (batchSeq > last) {
            lastBatchSeqs.put(stream, batchSeq);
          }
          return deleted.size();
        });
  }

  @Override
  public List<CommittedCounts> committedCounts() {
    return ledger.snapshot();
  }

  @Override
  public void recordLost(List<LostSamples> lost, Map<TopicKey, IntakeCounts> intake) {
    Objects.requireNonNull(lost, "lost");
    Objects.requireNonNull(intake, "intake");
    if (lost.isEmpty() && intake.isEmpty()) {
      return;
    }
    withLock(
        writeLock,
        () -> {
          ensureOpen();
          try {
            retryOnceIfFull(
                () -> {
                  try (Statement transaction = writer.createStatement()) {
                    transaction.execute("BEGIN IMMEDIATE");
                    ledger.begin();
                    try {
                      ledger.lost(writer, lost, intake, clock.wallMillis());
                      transaction.execute("COMMIT");
                      ledger.committed(writer);
                      return null;
                    } catch (SQLException | RuntimeException e) {
                      rollbackQuietly(transaction);
                      throw e;
                    }
                  }
                });
          } catch (SQLException e) {
            throw SqliteErrors.toQueueException("ledger update", db, e);
          }
          return null;
        });
  }

  /**
   * Reads the queue's side of the completeness ledger in {@code dataDir} without opening the queue
   * for writing (for {@code edge-gateway queue stats}); empty if there is no queue database, it has
   * no ledger yet, or it is corrupt.
   *
   * @throws QueueException if the database cannot be read for another reason
   */
  public static List<CommittedCounts> inspectLedger(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path db = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(db)) {
      return List.of();
    }
    try {
      if (Quarantine.walProblem(db) != null) {
        return List.of();
      }
    } catch (IOException e) {
      throw new QueueException("cannot read " + Quarantine.wal(db) + ": " + e, e);
    }
    try (Connection connection = connect(db, readerConfig());
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      try {
        if (Schema.problem(connection) != null) {
          return List.of();
        }
        return List.copyOf(LedgerStore.read(connection).values());
      } finally {
        statement.execute("COMMIT");
      }
    } catch (SQLException e) {
      if (SqliteErrors.isCorruption(e)) {
        return List.of();
      }
      throw SqliteErrors.toQueueException("ledger inspection", db, e);
    }
  }

  @Override
  public QueueStats stats() {
    return withLock(
        writeLock,
        () -> {
          ensureOpen();
          Map<String, Long> oldest = new HashMap<>();
          try (PreparedStatement select =
              writer.prepareStatement("SELECT MIN(sealed_at_ms) FROM batches WHERE stream = ?")) {
            for (Map.Entry<String, RunningTotals.Depth> entry : totals.byStream().entrySet()) {
              if (entry.getValue().batches() == 0) {
                continue;
              }
              select.setString(1, entry.getKey());
              try (ResultSet row = select.executeQuery()) {
                row.next();
                oldest.put(entry.getKey(), row.getLong(1));
              }
            }
          } catch (SQLException e) {
            throw SqliteErrors.toQueueException("stats", db, e);
          }
          return snapshot(totals, lastBatchSeqs, oldest::get, evicted, quarantined);
        });
  }

  /**
   * Checkpoints the WAL into {@value #FILE_NAME} and closes the database. Idempotent; waits for a
   * running operation to finish.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    withLock(
        writeLock,
        () ->
            withLock(
                readLock,
                () -> {
                  if (closed) {
                    return null;
                  }
                  closed = true;
                  closeQuietly(reader);
                  try (Statement statement = writer.createStatement()) {
                    statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                  } catch (SQLException e) {
                    log.warn(
                        "queue checkpoint on close failed, the WAL is replayed on next open: {}",
                        e.getMessage());
                  }
                  closeQuietly(writer);
                  dataDirLock.close();
                  log.info(
                      "queue closed: {} ({} batches, {} bytes waiting)",
                      db,
                      totals.batches(),
                      totals.bytes());
                  return null;
                }));
  }

  /** Path of the database file. */
  public Path path() {
    return db;
  }

  /**
   * Whether the queue is in disk-full mode: its file system ran out of room, appends reuse freed
   * space or evict (reason {@value #EVICTED_FOR_DISK_FULL}) until the reserve can be restored.
   * Cheap; safe from any thread.
   */
  public boolean diskFull() {
    return diskFull;
  }

  /** The durability this queue was opened with. */
  public Durability durability() {
    return durability;
  }

  /** Value of {@code PRAGMA name} on the writing connection, for tests. */
  String writerPragma(String name) {
    return withLock(
        writeLock,
        () -> {
          ensureOpen();
          try (Statement statement = writer.createStatement();
              ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            return row.next() ? row.getString(1) : null;
          } catch (SQLException e) {
            throw SqliteErrors.toQueueException("PRAGMA " + name, db, e);
          }
        });
  }

  private List<Row> evictToFit(long size) throws SQLException {
    long excess = totals.bytes() + size - quotaBytes;
    if (excess <= 0) {
      return List.of();
    }
    List<Row> victims = new ArrayList<>();
    try (PreparedStatement select =
            writer.prepareStatement("SELECT id, stream, bytes FROM batches ORDER BY priority, id");
        ResultSet rows = select.executeQuery()) {
      long freed = 0;
      while (freed < excess && rows.next()) {
        Row victim = new Row(rows.getLong(1), rows.getString(2), rows.getLong(3));
        victims.add(victim);
        freed += victim.bytes();
      }
    }
    try (PreparedStatement delete = writer.prepareStatement("DELETE FROM batches WHERE id = ?")) {
      for (Row victim : victims) {
        delete.setLong(1, victim.id());
        delete.addBatch();
      }
      delete.executeBatch();
    }
    return victims;
  }

  /** Inserts the batch row; returns its id. */
  private long insert(SealedBatch batch) throws SQLException {
    try (PreparedStatement insert =
        writer.prepareStatement(
            "INSERT INTO batches (stream, batch_seq, priority, sealed_at_ms, records, first_ns,"
                + " last_ns, uncompressed_bytes, bytes, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, batch.stream());
      insert.setLong(2, batch.batchSeq());
      insert.setInt(3, batch.priority());
      insert.setLong(4, batch.sealedAtMillis());
      insert.setInt(5, batch.records());
      insert.setLong(6, batch.firstStampNs());
      insert.setLong(7, batch.lastStampNs());
      insert.setInt(8, batch.uncompressedBytes());
      insert.setLong(9, batch.payload().length);
      insert.setBytes(10, batch.payload());
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  private static List<Long> ids(List<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    rows.forEach(r -> ids.add(r.id()));
    return ids;
  }

  private void recordLastBatchSeq(String stream, long batchSeq) throws SQLException {
    try (PreparedStatement upsert =
        writer.prepareStatement(
            "INSERT INTO streams (stream, last_batch_seq) VALUES (?, ?)"
                + " ON CONFLICT (stream) DO UPDATE SET last_batch_seq = excluded.last_batch_seq")) {
      upsert.setString(1, stream);
      upsert.setLong(2, batchSeq);
      upsert.executeUpdate();
    }
  }

  private void logEvictions(SealedBatch appended, List<Row> victims) {
    if (victims.isEmpty()) {
      if (evicting) {
        evicting = false;
        log.info(
            "queue below its quota of {} bytes again; {} batches evicted since open",
            quotaBytes,
            evictedSinceOpen(EVICTED_FOR_QUOTA));
      }
      return;
    }
    long bytes = victims.stream().mapToLong(Row::bytes).sum();
    if (!evicting) {
      evicting = true;
      log.warn(
          "queue quota of {} bytes reached: evicted {} batches ({} bytes) to append {};"
              + " evicting lowest priority, oldest first, until the uplink catches up",
          quotaBytes,
          victims.size(),
          bytes,
          name(appended));
    } else {
      log.debug(
          "queue evicted {} batches ({} bytes) to append {}",
          victims.size(),
          bytes,
          name(appended));
    }
  }

  private long evictedSinceOpen(String reason) {
    return evicted.values().stream().mapToLong(byReason -> byReason.getOrDefault(reason, 0L)).sum();
  }

  /** Reads the totals and last sequence numbers from the file; the caller holds writeLock. */
  private void loadState() throws SQLException {
    RunningTotals loaded = new RunningTotals();
    Map<String, Long> lastSeqs = new HashMap<>();
    try (Statement statement = writer.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT stream, COUNT(*), SUM(bytes) FROM batches GROUP BY stream")) {
        while (rows.next()) {
          loaded.add(rows.getString(1), rows.getLong(2), rows.getLong(3));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT stream, last_batch_seq FROM streams")) {
        while (rows.next()) {
          lastSeqs.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    totals.clear();
    loaded
        .byStream()
        .forEach((stream, depth) -> totals.add(stream, depth.batches(), depth.bytes()));
    lastSeqs.forEach((stream, seq) -> lastBatchSeqs.merge(stream, seq, Math::max));
    ledger.load(writer);
  }

  private void reloadStateQuietly() {
    try {
      loadState();
    } catch (SQLException e) {
      log.warn("queue could not reload its totals after a failed write: {}", e.getMessage());
    }
  }

  private static QueueStats snapshot(
      RunningTotals depth,
      Map<String, Long> lastSeqs,
      Function<String, Long> oldestOf,
      Map<String, Map<String, Long>> evicted,
      long quarantined) {
    Map<String, QueueStats.StreamStats> streams = new TreeMap<>();
    long oldestOverall = 0;
    TreeSet<String> names = new TreeSet<>(lastSeqs.keySet());
    names.addAll(depth.byStream().keySet());
    Map<String, Long> evictedByReason = new TreeMap<>();
    evicted
        .values()
        .forEach(byReason -> byReason.forEach((r, n) -> evictedByReason.merge(r, n, Long::sum)));
    for (String stream : names) {
      RunningTotals.Depth d = depth.byStream().get(stream);
      long batches = d == null ? 0 : d.batches();
      long bytes = d == null ? 0 : d.bytes();
      long oldest = batches == 0 ? 0 : oldestOf.apply(stream);
      if (batches > 0 && (oldestOverall == 0 || oldest < oldestOverall)) {
        oldestOverall = oldest;
      }
      streams.put(
          stream,
          new QueueStats.StreamStats(
              batches,
              bytes,
              oldest,
              lastSeqs.getOrDefault(stream, 0L),
              evicted.getOrDefault(stream, Map.of())));
    }
    return new QueueStats(
        depth.batches(), depth.bytes(), oldestOverall, streams, evictedByReason, quarantined);
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

  private static String name(SealedBatch batch) {
    return batch.stream() + "/" + batch.batchSeq();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("queue " + db + " is closed");
    }
  }

  private <T> T withLock(ReentrantLock lock, Supplier<T> action) {
    try {
      if (!lock.tryLock(LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new QueueException(
            "queue " + db + " busy: another operation held it for over " + LOCK_TIMEOUT_MS + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueException("interrupted while waiting for queue " + db, e);
    }
    try {
      return action.get();
    } finally {
      lock.unlock();
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

  private static void rollbackQuietly(Statement transaction) {
    try {
      transaction.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("queue connection did not close cleanly: {}", e.getMessage());
    }
  }

  /** A row chosen for deletion: its id and what it counted for in the totals. */
  private record Row(long id, String stream, long bytes) {}
}
