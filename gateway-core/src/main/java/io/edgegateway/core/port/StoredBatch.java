package io.edgegateway.core.port;

import io.edgegateway.core.batch.SealedBatch;
import java.util.Objects;

/**
 * A batch as it sits in the durable queue.
 *
 * @param id the queue's own row id; increasing in append order
 * @param batch the batch itself
 */
public record StoredBatch(long id, SealedBatch batch) {
  public StoredBatch {
    Objects.requireNonNull(batch, "batch");
  }
}
