package io.edgegateway.core.ledger;

import java.util.Map;

/**
 * The intake side of the completeness ledger: per (stream, topic) counters written by the bus
 * thread on every sample, which an implementation may keep where a process crash does not lose them
 * (e.g. a memory-mapped file), without a system call or a lock per sample.
 *
 * <p>A {@link Slot} is resolved once per topic, when its channel is created; the per-sample calls
 * on it must not allocate, block or make system calls.
 */
public interface IntakeLedger extends AutoCloseable {

  /**
   * The slot of {@code key}, created with zero counts if missing; the same slot for the same key.
   */
  Slot slot(TopicKey key);

  /** A snapshot of every slot's counts. */
  Map<TopicKey, IntakeCounts> snapshot();

  /** Releases the ledger's resources; slots must not be used afterwards. */
  @Override
  void close();

  /**
   * The counters of one (stream, topic). Single writer for {@link #received(long)} and {@link
   * #sampledOut()} (the topic's channel, under its own monitor); {@link #intakeDropped()} may race
   * with them and is atomic. Readers on other threads see each counter's latest stored value.
   */
  interface Slot {
    /** The last per-topic {@code seq} assigned (= samples received), 0 if none. */
    long received();

    /** Records that {@code seq} was assigned to a received sample. */
    void received(long seq);

    /** Counts one sample dropped by the sampling policy. */
    void sampledOut();

    /** Counts one sample dropped because the intake was full. */
    void intakeDropped();

    /** The slot's current counts. */
    IntakeCounts counts();

    /** Overwrites the counts; used only at start, before the topic's channel exists. */
    void restore(IntakeCounts counts);
  }
}
