package io.edgegateway.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code buffer.batch} section: when the batcher of a stream closes a batch.
 *
 * @param maxBytes close when the batch reaches this many bytes, 1 KiB .. 64 MiB
 * @param linger close this long after the first sample, whole milliseconds 1 .. 60000 (config key
 *     {@code linger_ms})
 */
public record BatchSettings(long maxBytes, Duration linger) {
  public BatchSettings {
    BufferSchema.BATCH_MAX_BYTES.check(maxBytes);
    Objects.requireNonNull(linger, "linger");
    long ms = linger.toMillis();
    if (!Duration.ofMillis(ms).equals(linger) || ms > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("linger : " + linger + " (expected: whole milliseconds)");
    }
    BufferSchema.LINGER_MS.check((int) ms);
  }

  /** 256 KiB, 200 ms. */
  public static BatchSettings defaults() {
    return new BatchSettings(
        BufferSchema.BATCH_MAX_BYTES.defaultOrThrow(),
        Duration.ofMillis(BufferSchema.LINGER_MS.defaultOrThrow()));
  }
}
