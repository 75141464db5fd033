package io.edgegateway.buffer;

import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.AppendMark;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.StreamHead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DurableQueue} kept in one SQLite database, {@code <dataDir>/queue.db}, in WAL mode.
 *
 * <p>Implementation notes:
 *
 * <ul>
 *   <li>Two connections ({@link QueueFiles}). The writer runs {@link #append}, {@link #acknowledge}
 *       and {@link #stats} under the write lock ({@link QueueLocks}), each write as one {@code
 *       BEGIN IMMEDIATE} transaction ({@link WriteTransactions}). The read-only reader runs {@link
 *       #oldest} under the read lock ({@link OldestBatches}); thanks to WAL it sees the last commit
 *       while the writer is busy.
 *   <li>This class takes the locks and checks arguments; the work is done by package-private
 *       classes that expect the lock held: {@link BatchAppender} (append path), {@link
 *       DeliveredBatches} (acknowledge, dropThrough), {@link TtlExpiry}, {@link DiskFullMode}, with
 *       {@link EvictionPolicy} choosing victims that {@link BatchEvictor} deletes, {@link
 *       QueueState} keeping the per-stream totals in memory and {@link LedgerStore} the ledger.
 *   <li>Leases: the batches {@link #oldest} returned are the uplink's until the next {@link
 *       #oldest} or their {@link #acknowledge} ({@link Leases}, {@link BatchLeasing}). Evicting one
 *       frees its room at once but counts it only when its delivery ends: uploaded if it was
 *       delivered, evicted otherwise ({@link InFlightEvictions}), so each sample is counted once.
 *   <li>The quota counts payload bytes only; the file is larger by SQLite's page overhead and the
 *       WAL (truncated to {@value SqliteConnections#JOURNAL_SIZE_LIMIT_BYTES} bytes after a
 *       checkpoint).
 *   <li>Full disk: see {@link DiskFullMode}; a {@link ReserveFile} of {@value
 *       #DEFAULT_RESERVE_BYTES} bytes is given back on the first SQLITE_FULL, and appends then
 *       reuse free pages or evict (reason {@value #EVICTED_FOR_DISK_FULL}).
 *   <li>At open, {@link Quarantine} moves a corrupt file or WAL aside and a fresh queue starts;
 *       {@link #inspect} reads a file without opening it ({@link QueueInspector}).
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

  /** Bytes of {@code queue.reserve}, given back to the file system when the disk is full. */
  static final long DEFAULT_RESERVE_BYTES = 8L * 1024 * 1024;

  private final Durability durability;
  private final Clock clock;
  private final QueueFiles files;
  private final QueueLocks locks;

  // Guarded by the write lock, except where their classes say otherwise.
  private final LedgerStore ledger = new LedgerStore();
  private final WriteTransactions transactions;
  private final QueueState state;
  private final DiskFullMode diskFull;
  private final TtlExpiry expiry;
  private final EvictionPolicy policy;
  private final BatchAppender appender;
  private final DeliveredBatches delivered;
  private final BatchLeasing leasing;
  private final LeasedRounds rounds;

  // Guarded by the read lock.
  private final OldestBatches oldestBatches;

  private SqliteDurableQueue(
      QueueFiles files, EvictionPolicy policy, Durability durability, Clock clock) {
    Path db = files.db();
    Connection writer = files.writer();
    this.durability = durability;
    this.policy = policy;
    this.clock = clock;
    this.files = files;
    this.locks = new QueueLocks(db);
    this.transactions = new WriteTransactions(writer, ledger);
    Leases leases = new Leases();
    InFlightEvictions inFlight = new InFlightEvictions(ledger);
    this.state = new QueueState(db, writer, ledger, leases);
    BatchEvictor evictor = new BatchEvictor(writer, ledger, leases, inFlight);
    this.diskFull =
        new DiskFullMode(db, writer, clock, files.reserve(), policy, evictor, transactions, state);
    this.expiry = new TtlExpiry(db, clock, policy, evictor, transactions, state, diskFull);
    this.appender =
        new BatchAppender(
            db, writer, policy, evictor, transactions, ledger, state, expiry, diskFull);
    this.delivered =
        new DeliveredBatches(db, writer, transactions, ledger, state, diskFull, leases, inFlight);
    this.leasing = new BatchLeasing(db, writer, transactions, leases, inFlight, state, diskFull);
    this.rounds = new LeasedRounds(locks, leasing, expiry);
    this.oldestBatches = new OldestBatches(db, files.reader());
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
      @Nullable Duration ttl,
      Clock clock,
      long maxPageCount,
      long reserveBytes) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(durability, "durability");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    EvictionPolicy policy = new EvictionPolicy(maxBytes, ttl);
    return QueueFiles.open(
        dataDir,
        dataDir.resolve(FILE_NAME),
        durability,
        clock,
        maxPageCount,
        reserveBytes,
        files -> {
          SqliteDurableQueue queue = new SqliteDurableQueue(files, policy, durability, clock);
          queue.state.load();
          queue.leasing.load();
          queue.diskFull.opened(files.reserved());
          log.info(
              "queue opened: {} ({} batches, {} bytes waiting; quota {} bytes; durability {})",
              files.db(),
              queue.state.totals().batches(),
              queue.state.totals().bytes(),
              maxBytes,
              durability);
          return queue;
        });
  }

  /**
   * A snapshot of the queue in {@code dataDir} read without opening it for writing ({@code queue
   * stats}, also while a gateway runs); no evictions (counted per open queue); a corrupt file is an
   * empty queue with {@link QueueStats#quarantinedFiles()} 1.
   *
   * @throws QueueException if there is no queue database in {@code dataDir} or it cannot be read
   */
  public static QueueStats inspect(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    return QueueInspector.stats(dataDir.resolve(FILE_NAME));
  }

  /**
   * Evicts every batch sealed more than the TTL ago, counted under {@value #EVICTED_FOR_TTL}; does
   * nothing if the queue was opened without a TTL.
   *
   * @return the number of batches evicted
   * @throws QueueException if the store failed
   */
  public int expire() {
    return locks.write(() -> expiry.expire());
  }

  @Override
  public long lastBatchSeq(String stream) {
    Objects.requireNonNull(stream, "stream");
    return state.lastBatchSeq(stream);
  }

  @Override
  public void append(SealedBatch batch) {
    Objects.requireNonNull(batch, "batch");
    locks.write(() -> appender.append(batch));
  }

  @Override
  public void append(SealedBatch batch, AppendMark mark) {
    Objects.requireNonNull(mark, "mark");
    locks.write(() -> appender.append(Objects.requireNonNull(batch, "batch"), mark));
  }

  @Override
  public Optional<AppendMark> appendMark(String key) {
    Objects.requireNonNull(key, "key");
    return locks.read(() -> BatchHeaderRows.mark(files.reader(), files.db(), key));
  }

  @Override
  public int waitingWithHeader(String name, String value) {
    return locks.read(() -> BatchHeaderRows.waiting(files.reader(), files.db(), name, value));
  }

  @Override
  public List<StoredBatch> oldest(int maxBatches, long maxBytes) {
    return rounds.round(maxBatches, maxBytes, () -> oldestBatches.oldest(maxBatches, maxBytes));
  }

  /** Every stream's head by one index probe each, then each stream's batches in order. */
  @Override
  public List<StoredBatch> next(int maxBatches, long maxBytes, Comparator<StreamHead> order) {
    Objects.requireNonNull(order, "order");
    return rounds.round(
        maxBatches, maxBytes, () -> oldestBatches.next(maxBatches, maxBytes, order));
  }

  @Override
  public void acknowledge(List<StoredBatch> delivered) {
    Objects.requireNonNull(delivered, "delivered");
    if (delivered.isEmpty()) {
      return;
    }
    locks.write(() -> this.delivered.acknowledge(delivered));
  }

  @Override
  public int dropThrough(String stream, long batchSeq) {
    Objects.requireNonNull(stream, "stream");
    if (batchSeq < 0) {
      throw new IllegalArgumentException("batchSeq : " + batchSeq + " (expected: >= 0)");
    }
    return locks.write(() -> delivered.dropThrough(stream, batchSeq));
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
    locks.write(
        () -> {
          try {
            diskFull.retryOnceIfFullWithoutResult(
                () ->
                    transactions.runWithoutResult(
                        () -> ledger.lost(files.writer(), lost, intake, clock.wallMillis())));
          } catch (SQLException e) {
            throw SqliteErrors.toQueueException("ledger update", files.db(), e);
          }
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
    return QueueInspector.ledger(dataDir.resolve(FILE_NAME));
  }

  @Override
  public QueueStats stats() {
    return locks.write(() -> state.stats(files.quarantined()));
  }

  /**
   * Checkpoints the WAL into {@value #FILE_NAME} and closes the database. Idempotent; waits for a
   * running operation to finish.
   */
  @Override
  public void close() {
    locks.closeOnce(
        () -> {
          files.close();
          log.info(
              "queue closed: {} ({} batches, {} bytes waiting)",
              files.db(),
              state.totals().batches(),
              state.totals().bytes());
        });
  }

  /**
   * Applies a new payload-byte quota and TTL to the open queue (a live reload of {@code
   * buffer.max_bytes} and {@code buffer.ttl}): a smaller quota is enforced by the next append
   * (lowest priority, oldest first, reason {@value #EVICTED_FOR_QUOTA}), a shorter TTL by the next
   * expiry, at most a second later. Waits for a running operation.
   */
  public void limits(long maxBytes, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl : " + ttl + " (expected: > 0)");
    }
    locks.write(() -> policy.limits(maxBytes, ttl));
  }

  /** Path of the database file. */
  public Path path() {
    return files.db();
  }

  /**
   * Whether the queue is in disk-full mode: its file system ran out of room, appends reuse freed
   * space or evict (reason {@value #EVICTED_FOR_DISK_FULL}) until the reserve can be restored.
   * Cheap; safe from any thread.
   */
  public boolean diskFull() {
    return diskFull.on();
  }

  /**
   * Records every committed eviction ({@code eviction}, {@code ttl_drop}: counts, bytes, streams,
   * queue id range) and each start and end of disk-full mode ({@code disk_full}) in {@code log}
   * from now on.
   */
  public void auditTo(AuditLog log) {
    state.audit().to(log);
  }

  /** The durability this queue was opened with. */
  public Durability durability() {
    return durability;
  }

  /** Value of {@code PRAGMA name} on the writing connection, for tests. */
  String writerPragma(String name) {
    return locks.write(() -> files.writerPragma(name));
  }
}
