package io.edgegateway.core.port;

import io.edgegateway.core.batch.SealedBatch;
import java.util.List;

/**
 * Told of batches the uplink acknowledged (committed) and the queue then deleted; called on the
 * sender thread, so it must return fast (hand the work to its own thread).
 */
@FunctionalInterface
public interface DeliveryListener {
  /** {@code batches} were committed to the remote end. */
  void delivered(List<SealedBatch> batches);
}
