package io.edgegateway.core.pipeline;

import io.edgegateway.core.Envelope;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded, non-blocking handoff from bus threads to the batcher. Bounded both in samples and in
 * payload bytes, so a burst of camera frames cannot exhaust the heap. A full intake rejects the
 * sample immediately: bus threads never wait on telemetry.
 */
final class Intake {
  private final ArrayBlockingQueue<Item> queue;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();

  /** An envelope and the route it arrived on. */
  record Item(TopicRoute route, Envelope envelope) {}

  Intake(int maxSamples, long maxBytes) {
    if (maxSamples < 1) {
      throw new IllegalArgumentException("maxSamples : " + maxSamples + " (expected: >= 1)");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 1)");
    }
    this.queue = new ArrayBlockingQueue<>(maxSamples);
    this.maxBytes = maxBytes;
  }

  /** Offers a sample without blocking; false if the intake is full (the caller counts the drop). */
  boolean offer(TopicRoute route, Envelope envelope) {
    long size = envelope.size();
    if (bytes.addAndGet(size) > maxBytes) {
      bytes.addAndGet(-size);
      return false;
    }
    if (!queue.offer(new Item(route, envelope))) {
      bytes.addAndGet(-size);
      return false;
    }
    return true;
  }

  /** Takes the next sample, waiting at most {@code timeoutNanos}; null if none arrived. */
  Item poll(long timeoutNanos) throws InterruptedException {
    Item item = timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (item != null) {
      bytes.addAndGet(-item.envelope().size());
    }
    return item;
  }

  int size() {
    return queue.size();
  }
}
