package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.AppendMark;
import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append path: one transaction per batch that evicts to the quota, inserts the row with its
 * ledger lines and advances the stream's last batch_seq; on a full disk, {@link DiskFullMode} makes
 * room first. {@code batches.id} is {@code AUTOINCREMENT}: ids are never reused, even after the
 * table was emptied. Guarded by the queue's write lock.
 */
final class BatchAppender {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private final Path db;
  private final Connection writer;
  private final EvictionPolicy policy;
  private final BatchEvictor evictor;
  private final WriteTransactions transactions;
  private final LedgerStore ledger;
  private final QueueState state;
  private final TtlExpiry expiry;
  private final DiskFullMode diskFull;
  private boolean evicting;

  BatchAppender(
      Path db,
      Connection writer,
      EvictionPolicy policy,
      BatchEvictor evictor,
      WriteTransactions transactions,
      LedgerStore ledger,
      QueueState state,
      TtlExpiry expiry,
      DiskFullMode diskFull) {
    this.db = db;
    this.writer = writer;
    this.policy = policy;
    this.evictor = evictor;
    this.transactions = transactions;
    this.ledger = ledger;
    this.state = state;
    this.expiry = expiry;
    this.diskFull = diskFull;
  }

  /** See {@link SqliteDurableQueue#append}. */
  void append(SealedBatch batch) {
    append(batch, null);
  }

  /** See {@link SqliteDurableQueue#append(SealedBatch, AppendMark)}; no mark when null. */
  void append(SealedBatch batch, @Nullable AppendMark mark) {
    String stream = batch.stream();
    long last = state.lastBatchSeq(stream);
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
    if (policy.exceedsQuota(size)) {
      throw new QueueException(
          "batch "
              + name(batch)
              + " has "
              + size
              + " payload bytes, more than the whole queue quota of "
              + policy.quotaBytes()
              + " bytes; raise buffer.max_bytes or lower buffer.batch.max_bytes");
    }
    expiry.expireIfDue();
    diskFull.restoreReserveIfDue();
    List<BatchRow> victims;
    if (diskFull.on()) {
      victims = appendOnFullDisk(batch, mark, size, null);
    } else {
      try {
        victims = appendTransaction(batch, mark, size);
      } catch (SQLException e) {
        state.reloadQuietly();
        if (!SqliteErrors.isFull(e) || !diskFull.fileSystemFull(size)) {
          throw SqliteErrors.toQueueException("append " + name(batch), db, e);
        }
        diskFull.enter();
        victims = appendOnFullDisk(batch, mark, size, e);
      }
    }
    state.forgetEvicted(victims, SqliteDurableQueue.EVICTED_FOR_QUOTA);
    state.appended(stream, size, batch.batchSeq());
    logEvictions(batch, victims);
  }

  /** One transaction: evict to the quota, insert, advance the stream's last batch_seq. */
  private List<BatchRow> appendTransaction(SealedBatch batch, @Nullable AppendMark mark, long size)
      throws SQLException {
    return transactions.run(
        () -> {
          List<BatchRow> victims =
              evictor.evictForQuota(policy.forQuota(state.totals().bytes(), size));
          long id = insert(batch);
          ledger.sealed(writer, id, batch);
          BatchHeaderRows.insert(writer, id, batch.headers());
          if (mark != null) {
            BatchHeaderRows.writeMark(writer, mark);
          }
          state.writeLastBatchSeq(batch.stream(), batch.batchSeq());
          return victims;
        });
  }

  /**
   * Appends while the disk is full, after {@link DiskFullMode#makeRoomFor} made room.
   *
   * @param full the SQLITE_FULL that started disk-full mode, null if it was on already
   * @return the batches evicted for the quota
   */
  private List<BatchRow> appendOnFullDisk(
      SealedBatch batch, @Nullable AppendMark mark, long size, @Nullable SQLException full) {
    diskFull.makeRoomFor(batch, size, full);
    try {
      List<BatchRow> quotaVictims = appendTransaction(batch, mark, size);
      diskFull.checkpoint();
      return quotaVictims;
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException("append " + name(batch), db, e);
    }
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

  /** Logs when appends start evicting for the quota (warn) and when they stop (info). */
  private void logEvictions(SealedBatch appended, List<BatchRow> victims) {
    if (victims.isEmpty()) {
      if (evicting) {
        evicting = false;
        log.info(
            "queue below its quota of {} bytes again; {} batches evicted since open",
            policy.quotaBytes(),
            state.evictedSinceOpen(SqliteDurableQueue.EVICTED_FOR_QUOTA));
      }
      return;
    }
    long bytes = BatchRow.totalBytes(victims);
    if (!evicting) {
      evicting = true;
      log.warn(
          "queue quota of {} bytes reached: evicted {} batches ({} bytes) to append {};"
              + " evicting lowest priority, oldest first, until the uplink catches up",
          policy.quotaBytes(),
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

  /** How log lines and errors name a batch: {@code stream/batchSeq}. */
  static String name(SealedBatch batch) {
    return batch.stream() + "/" + batch.batchSeq();
  }
}
