package io.edgegateway.buffer;

import io.edgegateway.core.port.Clock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evicts batches sealed more than the TTL ago (by the clock's wall time), counted under {@value
 * SqliteDurableQueue#EVICTED_FOR_TTL}: on demand, and at most once a second when an append or a
 * read of the oldest batches asks whether it is due. Guarded by the queue's write lock.
 */
final class TtlExpiry {

  // The queue's own logger, so that these lines read as they did before the split.
  private static final Logger log = LoggerFactory.getLogger(SqliteDurableQueue.class);

  private static final long EXPIRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path db;
  private final Clock clock;
  private final EvictionPolicy policy;
  private final BatchEvictor evictor;
  private final WriteTransactions transactions;
  private final QueueState state;
  private final DiskFullMode diskFull;
  private long nextExpiryNanos;

  TtlExpiry(
      Path db,
      Clock clock,
      EvictionPolicy policy,
      BatchEvictor evictor,
      WriteTransactions transactions,
      QueueState state,
      DiskFullMode diskFull) {
    this.db = db;
    this.clock = clock;
    this.policy = policy;
    this.evictor = evictor;
    this.transactions = transactions;
    this.state = state;
    this.diskFull = diskFull;
    this.nextExpiryNanos = clock.monotonicNanos();
  }

  /** Whether the queue has a TTL at all. */
  boolean enabled() {
    return policy.ttl() != null;
  }

  /** See {@link SqliteDurableQueue#expire()}. */
  int expire() {
    try {
      return diskFull.retryOnceIfFull(this::expireNow);
    } catch (SQLException e) {
      state.reloadQuietly();
      throw SqliteErrors.toQueueException("expiry", db, e);
    }
  }

  /** Runs {@link #expireNow} if a second has passed since the last run. */
  void expireIfDue() {
    if (policy.ttl() == null || clock.monotonicNanos() - nextExpiryNanos < 0) {
      return;
    }
    try {
      expireNow();
    } catch (SQLException e) {
      state.reloadQuietly();
      log.warn("queue TTL expiry failed, retried in a second: {}", e.getMessage());
    }
  }

  private int expireNow() throws SQLException {
    if (policy.ttl() == null) {
      return 0;
    }
    nextExpiryNanos = clock.monotonicNanos() + EXPIRY_INTERVAL_NANOS;
    long cutoff = policy.ttlCutoffMillis(clock.wallMillis());
    List<BatchRow> expired = transactions.run(() -> evictor.evictSealedBefore(cutoff));
    state.forgetEvicted(expired, SqliteDurableQueue.EVICTED_FOR_TTL);
    if (!expired.isEmpty()) {
      log.warn(
          "queue evicted {} batches ({} bytes) sealed more than {} ago (buffer.ttl)",
          expired.size(),
          BatchRow.totalBytes(expired),
          policy.ttl());
    }
    return expired.size();
  }
}
