package io.edgegateway.core.ledger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IntakeLedger} on the heap: lost with the process. For tests, and as the fallback slot
 * of a persistent ledger that ran out of room.
 */
public final class InMemoryIntakeLedger implements IntakeLedger {
  private final Map<TopicKey, HeapSlot> slots = new ConcurrentHashMap<>();

  @Override
  public Slot slot(TopicKey key) {
    return slots.computeIfAbsent(key, k -> new HeapSlot());
  }

  @Override
  public Map<TopicKey, IntakeCounts> snapshot() {
    Map<TopicKey, IntakeCounts> out = new TreeMap<>();
    slots.forEach((k, s) -> out.put(k, s.counts()));
    return out;
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  /** A slot of plain atomics. */
  static final class HeapSlot implements Slot {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sampledOut = new AtomicLong();
    private final AtomicLong intakeDropped = new AtomicLong();

    @Override
    public long received() {
      return received.get();
    }

    @Override
    public void received(long seq) {
      received.lazySet(seq);
    }

    @Override
    public void sampledOut() {
      sampledOut.incrementAndGet();
    }

    @Override
    public void intakeDropped() {
      intakeDropped.incrementAndGet();
    }

    @Override
    public IntakeCounts counts() {
      long dropped = intakeDropped.get();
      long sampled = sampledOut.get();
      return new IntakeCounts(Math.max(received.get(), sampled + dropped), sampled, dropped);
    }

    @Override
    public void restore(IntakeCounts counts) {
      received.set(counts.received());
      sampledOut.set(counts.sampledOut());
      intakeDropped.set(counts.intakeDropped());
    }
  }

  /** A fresh heap slot, not registered in any ledger. */
  public static Slot detachedSlot() {
    return new HeapSlot();
  }
}
