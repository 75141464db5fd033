package io.edgegateway.uplink;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Remembers the sends of the most recent batches by batch id, so a batch offered again while its
 * first send is still in the producer, or after it was acknowledged too late for its {@code
 * deliver()} call, is awaited instead of sent twice. Failed sends are forgotten, so the next offer
 * sends again. Holds at most {@code capacity} entries, dropping the oldest.
 */
final class DeliveryTracker {
  private final int capacity;
  private final Map<String, CompletableFuture<RecordMetadata>> sends = new LinkedHashMap<>();

  DeliveryTracker(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity : " + capacity + " (expected: >= 1)");
    }
    this.capacity = capacity;
  }

  /** The pending or successful send of {@code batchId}, or null if it must be sent. */
  synchronized CompletableFuture<RecordMetadata> find(String batchId) {
    CompletableFuture<RecordMetadata> send = sends.get(batchId);
    if (send != null && send.isCompletedExceptionally()) {
      sends.remove(batchId);
      return null;
    }
    return send;
  }

  /** Records a new send; it is forgotten again as soon as it fails. */
  synchronized void track(String batchId, CompletableFuture<RecordMetadata> send) {
    sends.put(batchId, send);
    if (sends.size() > capacity) {
      Iterator<String> eldest = sends.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    send.whenComplete(
        (metadata, failure) -> {
          if (failure != null) {
            forget(batchId, send);
          }
        });
  }

  synchronized int size() {
    return sends.size();
  }

  private synchronized void forget(String batchId, CompletableFuture<RecordMetadata> send) {
    sends.remove(batchId, send);
  }
}
