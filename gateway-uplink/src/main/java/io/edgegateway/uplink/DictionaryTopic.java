package io.edgegateway.uplink;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.ZstdDictionary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zstd dictionaries published on a dictionary topic (key: decimal dictionary id, value: the
 * dictionary), read on demand: {@link #refresh} reads the whole topic with a short-lived consumer
 * ({@code read_committed}) up to its end offsets. Records whose key and value do not agree are
 * ignored with a warning.
 */
final class DictionaryTopic implements DictionaryLookup {
  private static final Logger LOG = LoggerFactory.getLogger(DictionaryTopic.class);

  private final String topic;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Map<Long, ZstdDictionary> known = new ConcurrentHashMap<>();

  DictionaryTopic(String topic, Supplier<Consumer<byte[], byte[]>> consumers) {
    this.topic = topic;
    this.consumers = consumers;
  }

  String topic() {
    return topic;
  }

  @Override
  public Optional<ZstdDictionary> find(long id) {
    return Optional.ofNullable(known.get(id));
  }

  /**
   * Reads the topic from the beginning to its end offsets, at most {@code timeout}; returns false
   * when the topic does not exist, cannot be reached or was not read to the end in time.
   */
  boolean refresh(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, left(deadline));
      while (true) {
        boolean done = true;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
          if (consumer.position(e.getKey(), left(deadline)) < e.getValue()) {
            done = false;
            break;
          }
        }
        if (done) {
          return true;
        }
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(left(deadline))) {
          accept(r);
        }
      }
    } catch (KafkaException e) {
      LOG.warn("Cannot read zstd dictionaries from {}: {}", topic, e.toString());
      return false;
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null || r.value() == null) {
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    try {
      ZstdDictionary d = ZstdDictionary.of(r.value());
      if (!Long.toString(d.id()).equals(key)) {
        throw new IllegalArgumentException("holds dictionary " + d.id());
      }
      known.put(d.id(), d);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Ignoring dictionary record {} at {}-{}@{}: {}",
          key,
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
  }
}
