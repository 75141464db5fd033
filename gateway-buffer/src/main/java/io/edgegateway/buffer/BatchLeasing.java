package io.edgegateway.buffer;

import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease side of {@code oldest()}: before a read, the previous round's lease ends and the
 * evictions still in flight are settled as evicted (the sender asks again only once that round is
 * over, and it did not acknowledge them); after the read, the batches read become the lease, less
 * any that an append evicted between the read and now (they were counted as evicted and must not be
 * delivered as well). Guarded by the queue's write lock.
 */
final class BatchLeasing {

  // The queue's own logger, so that these lines read as the queue's.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private final Path db;
  private final Connection writer;
  private final WriteTransactions transactions;
  private final Leases leases;
  private final InFlightEvictions inFlight;
  private final QueueState state;
  private final DiskFullMode diskFull;

  BatchLeasing(
      Path db,
      Connection writer,
      WriteTransactions transactions,
      Leases leases,
      InFlightEvictions inFlight,
      QueueState state,
      DiskFullMode diskFull) {
    this.db = db;
    this.writer = writer;
    this.transactions = transactions;
    this.leases = leases;
    this.inFlight = inFlight;
    this.state = state;
    this.diskFull = diskFull;
  }

  /** Reads at open whether an earlier process left evictions in flight. */
  void load() throws SQLException {
    inFlight.load(writer);
  }

  /** Ends the previous lease, counting its evictions in flight as evicted. */
  void endLease() {
    leases.clear();
    if (!inFlight.maybePending()) {
      return;
    }
    List<InFlightEvictions.Settled> settled;
    try {
      settled =
          diskFull.retryOnceIfFull(() -> transactions.run(() -> inFlight.settleEvicted(writer)));
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException("settling the evictions in flight", db, e);
    }
    inFlight.settledAll();
    for (InFlightEvictions.Settled s : settled) {
      state.countEvicted(s.stream(), s.reason());
    }
    if (!settled.isEmpty()) {
      log.info(
          "queue: {} batches evicted while the uplink was delivering them were not acknowledged;"
              + " counted as evicted",
          settled.size());
    }
  }

  /** Makes those of {@code read} that are still stored the lease, and returns them. */
  List<StoredBatch> lease(List<StoredBatch> read) {
    if (read.isEmpty()) {
      leases.clear();
      return read;
    }
    Set<Long> present;
    try {
      present = stored(read);
    } catch (SQLException e) {
      throw SqliteErrors.toQueueException("lease of " + read.size() + " batches", db, e);
    }
    List<StoredBatch> kept = new ArrayList<>(read.size());
    for (StoredBatch b : read) {
      if (present.contains(b.id())) {
        kept.add(b);
      }
    }
    leases.replace(kept);
    return kept.size() == read.size() ? read : List.copyOf(kept);
  }

  private Set<Long> stored(List<StoredBatch> read) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT id FROM batches WHERE id IN (");
    for (int i = 0; i < read.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    Set<Long> present = new HashSet<>();
    try (PreparedStatement select = writer.prepareStatement(sql.toString())) {
      for (int i = 0; i < read.size(); i++) {
        select.setLong(i + 1, read.get(i).id());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          present.add(rows.getLong(1));
        }
      }
    }
    return present;
  }
}
