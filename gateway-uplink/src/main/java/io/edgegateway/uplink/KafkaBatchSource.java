package io.edgegateway.uplink;

import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.BatchSource;
import io.edgegateway.core.port.SourceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * The batches of one Kafka topic from a point in time up to the end the topic had when the source
 * opened, optionally only one robot's (record key) or one incident's (header {@value
 * WireHeaders#INCIDENT_ID}): the Kafka side of an export.
 *
 * <p>Reads with {@code isolation.level=read_committed} through a {@link BatchReader} (so zstd
 * dictionaries and malformed records are handled as for {@code tail}), assigning every partition
 * itself. The end is each partition's end offset (the last stable offset) when the source opened:
 * records written later are not read. The start: with {@code fromNs} the first offset whose record
 * timestamp is at or after {@code fromNs} minus {@link #START_MARGIN} (a batch's record is produced
 * after its samples were received, so earlier records hold only earlier samples; the margin absorbs
 * small clock steps); otherwise the beginning.
 */
public final class KafkaBatchSource implements BatchSource {
  /** How far before {@code fromNs} the source starts reading. */
  public static final Duration START_MARGIN = Duration.ofMinutes(1);

  /**
   * Which batches to return.
   *
   * @param robotId only records with this key, or all when null
   * @param incidentId only records whose {@value WireHeaders#INCIDENT_ID} header has this value, or
   *     all when null
   * @param fromNs start near this time (ns since the epoch), or at the beginning when 0
   */
  public record Selection(@Nullable String robotId, @Nullable String incidentId, long fromNs) {}

  private final BatchReader reader;
  private final Consumer<byte[], byte[]> consumer;
  private final Selection selection;
  private final Map<TopicPartition, Long> start = new HashMap<>();
  private final Map<TopicPartition, Long> end = new HashMap<>();
  private long matched;

  private KafkaBatchSource(BatchReader reader, Selection selection) {
    this.reader = reader;
    this.consumer = reader.consumer();
    this.selection = selection;
  }

  /**
   * Opens the source: finds the topic's partitions, their start and end offsets.
   *
   * @param clientProperties Kafka consumer properties, as for {@link BatchReader#create}
   * @param dictionaryTopic the gateway's {@code uplink.dictionary_topic}, or null
   * @param timeout how long to wait for the brokers at each step
   * @throws SourceUnavailableException when the brokers do not answer within {@code timeout} or the
   *     topic does not exist
   */
  public static KafkaBatchSource open(
      String bootstrapServers,
      String topic,
      Map<String, String> clientProperties,
      @Nullable String dictionaryTopic,
      Selection selection,
      Duration timeout)
      throws SourceUnavailableException {
    Objects.requireNonNull(selection, "selection");
    // a mistyped --topic must not create the topic
    Map<String, String> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    BatchReader reader =
        BatchReader.create(
            bootstrapServers, topic, BatchReader.StartPosition.EARLIEST, props, dictionaryTopic);
    KafkaBatchSource source = new KafkaBatchSource(reader, selection);
    try {
      source.position(bootstrapServers, topic, timeout);
      return source;
    } catch (SourceUnavailableException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private void position(String bootstrap, String topic, Duration timeout)
      throws SourceUnavailableException {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, timeout);
    } catch (TimeoutException e) {
      throw new SourceUnavailableException(
          "no answer from the Kafka brokers at "
              + bootstrap
              + " within "
              + timeout.toSeconds()
              + " s");
    } catch (KafkaException e) {
      throw new SourceUnavailableException("cannot read " + topic + ": " + e.getMessage());
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new SourceUnavailableException("topic " + topic + " does not exist on " + bootstrap);
    }
    List<TopicPartition> assignment = new ArrayList<>();
    partitions.forEach(p -> assignment.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(assignment);
    try {
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(assignment, timeout);
      end.putAll(consumer.endOffsets(assignment, timeout));
      Map<TopicPartition, @Nullable OffsetAndTimestamp> byTime = new HashMap<>();
      if (selection.fromNs() > 0) {
        long fromMs = selection.fromNs() / 1_000_000 - START_MARGIN.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        assignment.forEach(tp -> query.put(tp, Math.max(0, fromMs)));
        byTime.putAll(consumer.offsetsForTimes(query, timeout));
      }
      for (TopicPartition tp : assignment) {
        long first = beginning.getOrDefault(tp, 0L);
        long last = end.getOrDefault(tp, first);
        long from = first;
        if (selection.fromNs() > 0) {
          OffsetAndTimestamp found = byTime.get(tp);
          from = found == null ? last : Math.max(first, found.offset());
        }
        start.put(tp, from);
        consumer.seek(tp, from);
      }
    } catch (TimeoutException e) {
      throw new SourceUnavailableException(
          "the Kafka brokers at "
              + bootstrap
              + " did not give the offsets of "
              + topic
              + " within "
              + timeout.toSeconds()
              + " s");
    }
  }

  @Override
  public List<TelemetryBatch> poll(Duration timeout) throws SourceUnavailableException {
    if (exhausted()) {
      return List.of();
    }
    List<TelemetryBatch> out = new ArrayList<>();
    try {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= end.getOrDefault(tp, Long.MAX_VALUE)) {
          continue;
        }
        ReceivedBatch batch = reader.decode(record);
        if (batch != null && matches(batch)) {
          matched++;
          out.add(batch.batch());
        }
      }
      pauseFinished();
    } catch (WakeupException e) {
      return out;
    } catch (KafkaException e) {
      throw new SourceUnavailableException("reading the topic failed: " + e.getMessage());
    }
    return out;
  }

  /** Stops fetching partitions that reached their end while others are still read. */
  private void pauseFinished() {
    List<TopicPartition> done = new ArrayList<>();
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) >= e.getValue()) {
        done.add(e.getKey());
      }
    }
    consumer.pause(done);
  }

  private boolean matches(ReceivedBatch b) {
    if (selection.robotId() != null
        && !selection.robotId().equals(b.key())
        && !selection.robotId().equals(b.batch().getRobotId())) {
      return false;
    }
    return selection.incidentId() == null
        || selection.incidentId().equals(b.headers().get(WireHeaders.INCIDENT_ID));
  }

  @Override
  public boolean exhausted() {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double fractionRead() {
    long total = 0;
    long done = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long from = start.getOrDefault(e.getKey(), 0L);
      total += Math.max(0, e.getValue() - from);
      done += Math.max(0, Math.min(consumer.position(e.getKey()), e.getValue()) - from);
    }
    return total == 0 ? 1.0 : done / (double) total;
  }

  /** Batches returned so far (after the robot and incident filters). */
  public long batchesMatched() {
    return matched;
  }

  /** Records that were not decodable batches. */
  public long malformed() {
    return reader.malformed();
  }

  /** Makes a blocked {@link #poll} return at once; any thread. */
  public void wakeup() {
    reader.wakeup();
  }

  @Override
  public void close() {
    reader.close();
  }
}
