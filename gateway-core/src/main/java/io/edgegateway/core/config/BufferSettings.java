package io.edgegateway.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code buffer} section: the durable queue between the batcher and the uplink.
 *
 * @param maxBytes queue quota in bytes; past it the lowest priority, oldest first, is evicted
 * @param ttl age after which batches are evicted
 * @param durability how hard commits work to survive a crash
 * @param batch how samples are grouped into batches
 */
public record BufferSettings(
    long maxBytes, Duration ttl, Durability durability, BatchSettings batch) {
  public BufferSettings {
    BufferSchema.BUFFER_MAX_BYTES.check(maxBytes);
    BufferSchema.TTL.check(ttl);
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(batch, "batch");
    if (maxBytes < batch.maxBytes()) {
      throw new IllegalArgumentException(
          "max_bytes : "
              + Sizes.format(maxBytes)
              + " (expected: >= buffer.batch.max_bytes "
              + Sizes.format(batch.maxBytes())
              + ")");
    }
  }

  /** 2 GiB, 72 h, process durability, default batches. */
  public static BufferSettings defaults() {
    return new BufferSettings(
        BufferSchema.BUFFER_MAX_BYTES.defaultOrThrow(),
        BufferSchema.TTL.defaultOrThrow(),
        BufferSchema.DURABILITY.defaultOrThrow(),
        BatchSettings.defaults());
  }
}
