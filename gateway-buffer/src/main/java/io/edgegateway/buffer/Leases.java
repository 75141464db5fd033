package io.edgegateway.buffer;

import io.edgegateway.core.port.StoredBatch;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches the uplink holds: those the last {@code oldest()} returned that were not acknowledged
 * or dropped through a checkpoint since. A lease ends at the next {@code oldest()} (the sender asks
 * again only once the round is over) or batch by batch when it is acknowledged. Evicting a leased
 * batch is recorded as pending ({@link InFlightEvictions}) because the sender may still deliver it.
 * In memory only; guarded by the queue's write lock.
 */
final class Leases {

  /** Where a leased batch belongs, as {@code dropThrough} selects it. */
  record Leased(String stream, long batchSeq) {}

  private final Map<Long, Leased> leased = new HashMap<>();

  /** Replaces the lease with {@code batches}. */
  void replace(List<StoredBatch> batches) {
    leased.clear();
    for (StoredBatch b : batches) {
      leased.put(b.id(), new Leased(b.batch().stream(), b.batch().batchSeq()));
    }
  }

  /** Whether the row {@code id} is leased. */
  boolean contains(long id) {
    return leased.containsKey(id);
  }

  /** The lease of row {@code id}; only for a leased row. */
  Leased get(long id) {
    Leased l = leased.get(id);
    if (l == null) {
      throw new IllegalStateException("batch row " + id + " is not leased");
    }
    return l;
  }

  /** Ends the lease of the rows {@code ids}. */
  void release(Collection<Long> ids) {
    ids.forEach(leased::remove);
  }

  /** Ends the lease of every row of {@code stream} up to {@code batchSeq}. */
  void releaseThrough(String stream, long batchSeq) {
    leased.values().removeIf(l -> l.stream().equals(stream) && l.batchSeq() <= batchSeq);
  }

  /** Ends the whole lease. */
  void clear() {
    leased.clear();
  }
}
