package io.edgegateway.core.pipeline;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.port.Clock;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bounded, non-blocking handoff from bus threads to the batcher. Bounded both in samples and in
 * payload bytes, so a burst of camera frames cannot exhaust the heap. A full intake rejects the
 * sample immediately: bus threads never wait on telemetry.
 *
 * <p>Implementation notes: a ring of (route, envelope, offer time) slots under one lock, so an
 * offer allocates nothing (no queue node, no pair object) and a poll fills the consumer's reusable
 * {@link Item}. The one consumer says when it wants to be woken ({@link #poll(long, long, Item)}):
 * at the first sample, or only once the intake holds a given number of payload bytes (or half its
 * sample capacity); an offer signals it only then. So a batcher holding open batches sleeps until
 * their linger deadline instead of waking for every sample; each sample carries the time it was
 * offered, from which its batch's deadline is counted.
 */
final class Intake {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wanted = lock.newCondition();
  private final @Nullable TopicRoute[] routes; // null where no sample is held
  private final @Nullable Envelope[] envelopes;
  private final long[] offeredNanos;
  private final long maxBytes;
  private final Clock clock;
  // guarded by lock
  private int head;
  private int count;
  private long bytes;
  private boolean consumerWaiting;
  private long wakeAtBytes;

  /** The consumer's reusable holder of one taken sample; valid until its next poll. */
  static final class Item {
    private @Nullable TopicRoute route;
    private @Nullable Envelope envelope;
    private long offeredNanos;

    /** The route the sample arrived on. */
    TopicRoute route() {
      return Objects.requireNonNull(route, "no sample taken");
    }

    /** The sample. */
    Envelope envelope() {
      return Objects.requireNonNull(envelope, "no sample taken");
    }

    /** When the sample was offered, on the intake clock's monotonic time. */
    long offeredNanos() {
      return offeredNanos;
    }
  }

  /** An intake on the system clock. */
  Intake(int maxSamples, long maxBytes) {
    this(maxSamples, maxBytes, Clock.system());
  }

  /**
   * @param clock stamps each offered sample ({@link Item#offeredNanos}): the batcher's clock
   */
  Intake(int maxSamples, long maxBytes, Clock clock) {
    if (maxSamples < 1) {
      throw new IllegalArgumentException("maxSamples : " + maxSamples + " (expected: >= 1)");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    this.routes = new TopicRoute[maxSamples];
    this.envelopes = new Envelope[maxSamples];
    this.offeredNanos = new long[maxSamples];
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** Offers a sample without blocking; false if the intake is full (the caller counts the drop). */
  boolean offer(TopicRoute route, Envelope envelope) {
    long size = envelope.size();
    long now = clock.monotonicNanos();
    lock.lock();
    try {
      if (count == routes.length || bytes + size > maxBytes) {
        return false;
      }
      int tail = head + count;
      if (tail >= routes.length) {
        tail -= routes.length;
      }
      routes[tail] = route;
      envelopes[tail] = envelope;
      offeredNanos[tail] = now;
      count++;
      bytes += size;
      if (consumerWaiting && (bytes >= wakeAtBytes || 2 * count >= routes.length)) {
        consumerWaiting = false;
        wanted.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the next sample into {@code into}, waiting at most {@code timeoutNanos} for one. */
  boolean poll(long timeoutNanos, Item into) throws InterruptedException {
    return poll(timeoutNanos, 1, into);
  }

  /**
   * Takes the next sample into {@code into}. Unless the intake already holds {@code wakeAtBytes}
   * payload bytes (or half its sample capacity), first waits until it does, at most {@code
   * timeoutNanos}; then takes a sample if there is one.
   *
   * @return whether a sample was taken
   */
  boolean poll(long timeoutNanos, long wakeAtBytes, Item into) throws InterruptedException {
    long wake = Math.max(1, Math.min(wakeAtBytes, maxBytes));
    lock.lock();
    try {
      long left = timeoutNanos;
      while (left > 0 && bytes < wake && 2 * count < routes.length) {
        consumerWaiting = true;
        this.wakeAtBytes = wake;
        left = wanted.awaitNanos(left);
      }
      consumerWaiting = false;
      if (count == 0) {
        return false;
      }
      Envelope envelope = Objects.requireNonNull(envelopes[head], "held envelope");
      into.route = routes[head];
      into.envelope = envelope;
      into.offeredNanos = offeredNanos[head];
      routes[head] = null;
      envelopes[head] = null;
      bytes -= envelope.size();
      count--;
      head = head + 1 == routes.length ? 0 : head + 1;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the next sample into a new item, waiting at most {@code timeoutNanos}; null if none. */
  @Nullable Item poll(long timeoutNanos) throws InterruptedException {
    Item item = new Item();
    return poll(timeoutNanos, item) ? item : null;
  }

  int size() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }
}
