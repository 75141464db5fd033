package io.edgegateway.core.pipeline;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.DeliveryListener;
import io.edgegateway.core.port.StoredBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the sender tells of acknowledged batches (the incident desk, to mark an incident uploaded):
 * told on the sender's thread after the queue deleted the batches; a listener that fails is logged
 * in one line and does not stop the sender.
 */
final class DeliveryListeners {
  private static final Logger log = LoggerFactory.getLogger(UplinkLoop.class);

  private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();

  void add(DeliveryListener listener) {
    listeners.add(listener);
  }

  void delivered(List<StoredBatch> delivered) {
    if (listeners.isEmpty()) {
      return;
    }
    List<SealedBatch> batches = new ArrayList<>(delivered.size());
    delivered.forEach(b -> batches.add(b.batch()));
    List<SealedBatch> copy = List.copyOf(batches);
    for (DeliveryListener l : listeners) {
      try {
        l.delivered(copy);
      } catch (RuntimeException e) {
        log.warn("a delivery listener failed: {}", e.toString());
      }
    }
  }
}
