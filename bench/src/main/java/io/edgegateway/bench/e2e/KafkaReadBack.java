package io.edgegateway.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back, {@code read_committed}, everything the daemon delivered to the stream topics: counts
 * batches, records (the {@code eg-records} header) and bytes, and keeps the first 64 MiB of batch
 * values as the input of the ceilings.
 */
final class KafkaReadBack {
  private static final long MAX_CEILING_BYTES = 64L * 1024 * 1024;

  private KafkaReadBack() {}

  /**
   * Reads every stream topic to its end offset (within 120 s), puts {@code delivered_batches},
   * {@code delivered} and {@code delivered_bytes} into {@code r} and returns the kept values.
   */
  static List<byte[]> read(String bootstrap, Map<String, Object> r) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            32 * 1024 * 1024,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
            64 * 1024 * 1024);
    List<byte[]> values = new ArrayList<>();
    long kept = 0;
    long batches = 0;
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          Scenario.STREAMS.stream().map(s -> new TopicPartition(Scenario.topicOf(s), 0)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (parts.stream()
          .anyMatch(
              p ->
                  c.position(p, Duration.ofSeconds(30))
                      < Objects.requireNonNull(end.get(p), () -> "no end offset for " + p))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("read-back did not reach the end offsets in 120 s");
        }
        for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
          batches++;
          Header h = rec.headers().lastHeader("eg-records");
          records += h == null ? 0 : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
          bytes += rec.value().length;
          if (kept + rec.value().length <= MAX_CEILING_BYTES) {
            values.add(rec.value());
            kept += rec.value().length;
          }
        }
      }
    }
    r.put("delivered_batches", batches);
    r.put("delivered", records);
    r.put("delivered_bytes", bytes);
    return values;
  }
}
