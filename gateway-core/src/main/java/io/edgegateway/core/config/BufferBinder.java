package io.edgegateway.core.config;

import static io.edgegateway.core.config.BufferSchema.BATCH;
import static io.edgegateway.core.config.BufferSchema.BATCH_MAX_BYTES;
import static io.edgegateway.core.config.BufferSchema.BUFFER_MAX_BYTES;
import static io.edgegateway.core.config.BufferSchema.DURABILITY;
import static io.edgegateway.core.config.BufferSchema.LINGER_MS;
import static io.edgegateway.core.config.BufferSchema.TTL;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code buffer} section ({@link BufferSchema}) to {@link BufferSettings}; the quota must
 * hold at least one batch.
 */
final class BufferBinder {
  private final ErrorCollector errors;

  BufferBinder(BindContext context) {
    this.errors = context.errors();
  }

  /** The settings; null when the section had errors (all reported). */
  @Nullable BufferSettings bind(MappingView m) {
    Long maxBytes = m.get(BUFFER_MAX_BYTES);
    Duration ttl = m.get(TTL);
    Durability durability = m.get(DURABILITY);
    MappingView b = m.section(BATCH);
    Long batchMaxBytes = b.get(BATCH_MAX_BYTES);
    Integer lingerMs = b.get(LINGER_MS);
    if (maxBytes != null && batchMaxBytes != null && maxBytes < batchMaxBytes) {
      errors.report(
          m.has(BUFFER_MAX_BYTES) ? m.valuePos(BUFFER_MAX_BYTES) : m.anchor(),
          m.path(BUFFER_MAX_BYTES),
          Sizes.format(maxBytes)
              + " is less than buffer.batch.max_bytes ("
              + Sizes.format(batchMaxBytes)
              + ")");
    }
    if (m.hasErrors()) {
      return null;
    }
    BatchSettings batch =
        errors.build(
            b.anchor(),
            b.path(),
            () ->
                new BatchSettings(
                    Objects.requireNonNull(batchMaxBytes, "maxBytes"),
                    Duration.ofMillis(Objects.requireNonNull(lingerMs, "linger"))));
    return batch == null
        ? null
        : errors.build(
            m.anchor(),
            m.path(),
            () ->
                new BufferSettings(
                    Objects.requireNonNull(maxBytes, "maxBytes"),
                    Objects.requireNonNull(ttl, "ttl"),
                    Objects.requireNonNull(durability, "durability"),
                    batch));
  }
}
