package io.edgegateway.uplink;

import io.edgegateway.core.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a robot's committed records ({@code read_committed}) of the audit topic or its audit
 * checkpoint, from the beginning to the end offsets: what {@code audit verify --bootstrap} compares
 * the local log with, and where the {@link AuditUploader} resumes.
 */
public final class AuditTopic {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private AuditTopic() {}

  /** The highest seq of {@code robotId}'s records in {@code topic}; empty when it has none. */
  public static OptionalLong lastSeq(
      String bootstrap, String topic, String robotId, Map<String, String> properties) {
    long[] max = {-1};
    readAll(
        consumer(robotId, bootstrap, properties),
        topic,
        (key, value) -> {
          if (key.equals(robotId) && value != null) {
            try {
              max[0] = Math.max(max[0], AuditRecord.parse(value).seq());
            } catch (IllegalArgumentException e) {
              // not an audit record: not ours to judge here
            }
          }
        });
    return max[0] < 0 ? OptionalLong.empty() : OptionalLong.of(max[0]);
  }

  /** The last committed audit checkpoint ({@code <robot_id>/audit}) of the checkpoint topic. */
  static OptionalLong committedSeq(Consumer<byte[], byte[]> consumer, String topic, String key) {
    AtomicReference<Optional<String>> last = new AtomicReference<>(Optional.empty());
    readAll(
        consumer,
        topic,
        (k, v) -> {
          if (k.equals(key)) {
            last.set(Optional.ofNullable(v));
          }
        });
    Optional<String> value = java.util.Objects.requireNonNull(last.get(), "last");
    return value.map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
  }

  static Consumer<byte[], byte[]> consumer(
      String robotId, String bootstrap, Map<String, String> properties) {
    return new KafkaConsumer<>(
        ProducerSettings.checkpointConsumerConfig(robotId, bootstrap, properties),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static void readAll(
      Consumer<byte[], byte[]> c, String topic, BiConsumer<String, @Nullable String> each) {
    try (c) {
      List<PartitionInfo> infos = c.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(c, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + topic + " not read within " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key() != null) {
            each.accept(
                new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  private static boolean reached(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
