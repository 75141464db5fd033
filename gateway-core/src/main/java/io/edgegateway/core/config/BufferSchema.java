package io.edgegateway.core.config;

import java.time.Duration;

/** The keys of the {@code buffer} section: the durable queue and its batching. */
final class BufferSchema {
  private BufferSchema() {}

  static final Key<Long> BATCH_MAX_BYTES =
      Key.withDefault(
          "max_bytes",
          ValueType.size(1L << 10, 64L << 20),
          "256KiB",
          "A batch is closed when its encoded samples reach this size.");
  static final Key<Integer> LINGER_MS =
      Key.withDefault(
          "linger_ms",
          ValueType.integer(1, 60_000),
          "200",
          "A batch is closed this many milliseconds after its first sample (integer ms). Samples"
              + " still in an open batch are lost on a crash.");
  static final Section BATCH_SECTION =
      Section.of(
          "buffer.batch",
          "How samples are grouped into batches, per stream.",
          BATCH_MAX_BYTES,
          LINGER_MS);
  static final Key<Long> BUFFER_MAX_BYTES =
      Key.withDefault(
          "max_bytes",
          ValueType.size(1L << 20, 64L << 40),
          "2GiB",
          "Queue quota; past it the lowest priority, oldest first, is evicted. At least"
              + " `buffer.batch.max_bytes`.");
  static final Key<Duration> TTL =
      Key.withDefault(
          "ttl",
          ValueType.duration(Duration.ofMinutes(1), Duration.ofDays(3650)),
          "72h",
          "Batches older than this are evicted.");
  static final Key<Durability> DURABILITY =
      Key.withDefault(
          "durability",
          ValueType.enumOf(Durability.class),
          "process",
          "`process`: WAL with synchronous=NORMAL, survives a process crash. `power`:"
              + " synchronous=FULL, survives a power loss.");
  static final Key<Void> BATCH = Key.section("batch", BATCH_SECTION, "see below", "Batching.");
  static final Section SECTION =
      Section.of(
          "buffer",
          "The durable queue (SQLite) between the batcher and the uplink.",
          BUFFER_MAX_BYTES,
          TTL,
          DURABILITY,
          BATCH);
}
