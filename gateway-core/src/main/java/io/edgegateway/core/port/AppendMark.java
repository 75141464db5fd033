package io.edgegateway.core.port;

import java.util.Objects;

/**
 * A producer's durable note of how far it has appended a group of batches (an incident's upload),
 * written by {@link DurableQueue#append(io.edgegateway.core.batch.SealedBatch, AppendMark)} in the
 * same transaction as the batch it covers: after a crash the producer reads it back ({@link
 * DurableQueue#appendMark}) and continues after it, so nothing is queued twice or left out.
 *
 * @param key what the group is, e.g. {@code incident/<id>}
 * @param samples samples appended so far
 * @param batches batches appended so far
 * @param complete true once the group's last batch is appended
 */
public record AppendMark(String key, long samples, long batches, boolean complete) {
  public AppendMark {
    Objects.requireNonNull(key, "key");
    if (samples < 0 || batches < 0) {
      throw new IllegalArgumentException(
          "samples, batches : " + samples + ", " + batches + " (expected: >= 0)");
    }
  }
}
