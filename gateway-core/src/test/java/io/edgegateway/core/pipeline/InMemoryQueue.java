package io.edgegateway.core.pipeline;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.StreamHead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DurableQueue in memory, for pipeline tests; can be told to fail appends (a full disk) or to
 * throw unexpected exceptions from {@code append} or {@code oldest} (a bug), a number of times.
 */
final class InMemoryQueue implements DurableQueue {
  private final LinkedHashMap<Long, StoredBatch> rows = new LinkedHashMap<>();
  private final Map<String, Long> lastSeq = new HashMap<>();
  private long nextId = 1;
  volatile boolean failAppends;
  final AtomicInteger buggyAppends = new AtomicInteger();
  final AtomicInteger buggyOldest = new AtomicInteger();

  @Override
  public synchronized long lastBatchSeq(String stream) {
    return lastSeq.getOrDefault(stream, 0L);
  }

  @Override
  public synchronized void append(SealedBatch batch) {
    if (failAppends) {
      throw new QueueException("disk full");
    }
    if (buggyAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("simulated bug in append");
    }
    if (batch.batchSeq() <= lastBatchSeq(batch.stream())) {
      throw new IllegalArgumentException("seq");
    }
    lastSeq.put(batch.stream(), batch.batchSeq());
    long id = nextId++;
    rows.put(id, new StoredBatch(id, batch));
  }

  @Override
  public synchronized List<StoredBatch> oldest(int maxBatches, long maxBytes) {
    if (buggyOldest.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("simulated bug in oldest");
    }
    List<StoredBatch> out = new ArrayList<>();
    long bytes = 0;
    for (StoredBatch b : rows.values()) {
      if (out.size() >= maxBatches
          || (!out.isEmpty() && bytes + b.batch().payload().length > maxBytes)) {
        break;
      }
      out.add(b);
      bytes += b.batch().payload().length;
    }
    return out;
  }

  /** The class order over every waiting stream, as the SQLite queue does it. */
  @Override
  public synchronized List<StoredBatch> next(
      int maxBatches, long maxBytes, Comparator<StreamHead> order) {
    return StreamHead.cut(
        StreamHead.inOrder(new ArrayList<>(rows.values()), order), maxBatches, maxBytes);
  }

  @Override
  public synchronized void acknowledge(List<StoredBatch> delivered) {
    delivered.forEach(b -> rows.remove(b.id()));
  }

  @Override
  public synchronized int dropThrough(String stream, long batchSeq) {
    if (batchSeq < 0) {
      throw new IllegalArgumentException("batchSeq : " + batchSeq + " (expected: >= 0)");
    }
    int before = rows.size();
    rows.values()
        .removeIf(b -> b.batch().stream().equals(stream) && b.batch().batchSeq() <= batchSeq);
    lastSeq.merge(stream, batchSeq, Math::max);
    return before - rows.size();
  }

  @Override
  public synchronized QueueStats stats() {
    long bytes = rows.values().stream().mapToLong(b -> b.batch().payload().length).sum();
    long oldest =
        rows.values().stream().findFirst().map(b -> b.batch().sealedAtMillis()).orElse(0L);
    return new QueueStats(rows.size(), bytes, oldest, Map.of(), Map.of());
  }

  synchronized int size() {
    return rows.size();
  }

  @Override
  public void close() {}
}
