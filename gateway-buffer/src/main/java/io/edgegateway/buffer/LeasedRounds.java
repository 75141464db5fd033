package io.edgegateway.buffer;

import io.edgegateway.core.port.StoredBatch;
import java.util.List;
import java.util.function.Supplier;

/**
 * One round of batches handed to the uplink ({@link SqliteDurableQueue#oldest}, {@link
 * SqliteDurableQueue#next}): ends the last lease, expires what is due, reads under the read lock
 * and leases what it read, each step under the lock it needs.
 */
final class LeasedRounds {
  private final QueueLocks locks;
  private final BatchLeasing leasing;
  private final TtlExpiry expiry;

  LeasedRounds(QueueLocks locks, BatchLeasing leasing, TtlExpiry expiry) {
    this.locks = locks;
    this.leasing = leasing;
    this.expiry = expiry;
  }

  List<StoredBatch> round(int maxBatches, long maxBytes, Supplier<List<StoredBatch>> read) {
    if (maxBatches < 1) {
      throw new IllegalArgumentException("maxBatches : " + maxBatches + " (expected: >= 1)");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    locks.write(() -> leasing.endLease());
    if (expiry.enabled()) {
      locks.write(() -> expiry.expireIfDue());
    }
    List<StoredBatch> batches = locks.read(read);
    return locks.write(() -> leasing.lease(batches));
  }
}
