package io.edgegateway.uplink;

import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchFormatException;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.UnknownDictionaryException;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the batches of one topic back and decodes them: the consumer side used by the {@code tail}
 * command and by downstream users.
 *
 * <p>The reader assigns itself all partitions of the topic (no consumer group, no offset commits),
 * starting at their beginning or end, and reads with {@code isolation.level=read_committed}.
 * Records that do not decode are counted in {@link #malformed()} and logged, never thrown. Per
 * (robot id, stream) of the decoded batches it counts {@link #duplicates()} ({@code batch_seq} not
 * above the largest seen) and {@link #gaps()} ({@code batch_seq} more than one above it); the first
 * batch of a pair starts the count.
 *
 * <p>zstd dictionaries: a batch whose frame names a dictionary (header {@code eg-zstd-dict}) is
 * decoded with the dictionary read from the dictionary topic given to {@link #create(String,
 * String, StartPosition, Map, String)}; the topic is read (again) when a batch needs a dictionary
 * not seen yet, at most once per second. A batch whose dictionary cannot be found is counted in
 * {@link #missingDictionaries()} and {@link #malformed()} and logged with the dictionary id.
 *
 * <p>Not thread-safe, like the Kafka consumer under it: call {@link #poll} and {@link #close} from
 * one thread. {@link #wakeup()} and the counters may be used from any thread.
 */
public final class BatchReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchReader.class);

  /** Where a new reader starts in each partition. */
  public enum StartPosition {
    /** The oldest retained record. */
    EARLIEST,
    /** The end: only records written after the reader assigned itself the partitions. */
    LATEST
  }

  private static final Duration DICTIONARY_REFRESH_INTERVAL = Duration.ofSeconds(1);
  private static final Duration DICTIONARY_REFRESH_TIMEOUT = Duration.ofSeconds(5);

  private final String topic;
  private final StartPosition start;
  private final Consumer<byte[], byte[]> consumer;
  private final SequenceTracker sequences = new SequenceTracker();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong missingDictionaries = new AtomicLong();
  private final AtomicLong otherRecords = new AtomicLong();
  private final @Nullable DictionaryTopic dictionaries;
  private long lastDictionaryRefreshNs;
  private boolean dictionaryRefreshed;
  private boolean assigned;
  private boolean waitingLogged;

  BatchReader(String topic, StartPosition start, Consumer<byte[], byte[]> consumer) {
    this(topic, start, consumer, null);
  }

  BatchReader(
      String topic,
      StartPosition start,
      Consumer<byte[], byte[]> consumer,
      @Nullable DictionaryTopic dictionaries) {
    this.topic = topic;
    this.start = start;
    this.consumer = consumer;
    this.dictionaries = dictionaries;
  }

  /**
   * Creates a reader of {@code topic}. Connects lazily: the first {@link #poll} assigns the
   * partitions.
   *
   * @param clientProperties Kafka consumer properties applied over the reader's defaults ({@code
   *     isolation.level=read_committed}, {@code enable.auto.commit=false}); {@code
   *     bootstrap.servers} and the deserializers are always the reader's
   */
  public static BatchReader create(
      String bootstrapServers,
      String topic,
      StartPosition start,
      Map<String, String> clientProperties) {
    return create(bootstrapServers, topic, start, clientProperties, null);
  }

  /**
   * Creates a reader of {@code topic} that decodes batches compressed with zstd dictionaries,
   * reading the dictionaries from {@code dictionaryTopic} when a batch needs one.
   *
   * @param dictionaryTopic the gateway's {@code uplink.dictionary_topic}; null to read batches
   *     without dictionaries only
   * @see #create(String, String, StartPosition, Map)
   */
  public static BatchReader create(
      String bootstrapServers,
      String topic,
      StartPosition start,
      Map<String, String> clientProperties,
      @Nullable String dictionaryTopic) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(clientProperties, "clientProperties");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic : \"" + topic + "\" (expected: a topic name)");
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "edge-gateway-reader");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        start == StartPosition.EARLIEST ? "earliest" : "latest");
    config.putAll(clientProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    DictionaryTopic dictionaries = null;
    if (dictionaryTopic != null) {
      Map<String, Object> dictionaryConfig = new HashMap<>(config);
      dictionaryConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "edge-gateway-reader-dictionaries");
      dictionaryConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      dictionaries =
          new DictionaryTopic(
              dictionaryTopic,
              () ->
                  new KafkaConsumer<>(
                      dictionaryConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }
    return new BatchReader(
        topic,
        start,
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        dictionaries);
  }

  /**
   * Returns the batches that arrived, waiting at most {@code timeout} for the first. Returns an
   * empty list when nothing arrived, when the topic does not exist (yet) or the broker cannot be
   * reached, and after {@link #wakeup()}.
   *
   * @throws org.apache.kafka.common.KafkaException on a non-retriable consumer error, e.g. an
   *     authorization failure
   */
  public List<ReceivedBatch> poll(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long deadlineNs = System.nanoTime() + timeout.toNanos();
    try {
      if (!assigned && !assign(timeout)) {
        return List.of();
      }
      Duration left = Duration.ofNanos(Math.max(0, deadlineNs - System.nanoTime()));
      List<ReceivedBatch> batches = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(left)) {
        ReceivedBatch batch = decode(record);
        if (batch != null) {
          batches.add(batch);
        }
      }
      return batches;
    } catch (WakeupException e) {
      return List.of();
    }
  }

  /** Number of records whose value was not a zstd frame of a {@code TelemetryBatch}. */
  public long malformed() {
    return malformed.get();
  }

  /**
   * Number of records compressed with a zstd dictionary that could not be found (also counted in
   * {@link #malformed()}).
   */
  public long missingDictionaries() {
    return missingDictionaries.get();
  }

  /** Number of batches whose {@code batch_seq} was not above the largest seen for its stream. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Number of batches whose {@code batch_seq} skipped at least one after the largest seen. */
  public long gaps() {
    return gaps.get();
  }

  /** Makes a blocked or the next {@link #poll} return an empty list at once; any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }

  private boolean assign(Duration timeout) {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, timeout);
    } catch (TimeoutException e) {
      logWaiting("no metadata within " + timeout);
      return false;
    }
    if (partitions == null || partitions.isEmpty()) {
      logWaiting("topic does not exist");
      return false;
    }
    List<TopicPartition> assignment = new ArrayList<>(partitions.size());
    for (PartitionInfo p : partitions) {
      assignment.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(assignment);
    if (start == StartPosition.EARLIEST) {
      consumer.seekToBeginning(assignment);
    } else {
      consumer.seekToEnd(assignment);
      assignment.forEach(consumer::position);
    }
    assigned = true;
    LOG.info(
        "Reading {} ({} partitions) from {}",
        topic,
        assignment.size(),
        start.name().toLowerCase(Locale.ROOT));
    return true;
  }

  private void logWaiting(String reason) {
    if (!waitingLogged) {
      waitingLogged = true;
      LOG.info("Waiting for topic {}: {}", topic, reason);
    }
  }

  private TelemetryBatch decodeValue(byte[] value) throws BatchFormatException {
    DictionaryLookup lookup = dictionaries == null ? DictionaryLookup.NONE : dictionaries;
    try {
      return BatchCodec.decode(value, lookup);
    } catch (UnknownDictionaryException e) {
      long now = System.nanoTime();
      if (dictionaries == null
          || (dictionaryRefreshed
              && now - lastDictionaryRefreshNs < DICTIONARY_REFRESH_INTERVAL.toNanos())) {
        throw e;
      }
      dictionaryRefreshed = true;
      lastDictionaryRefreshNs = now;
      dictionaries.refresh(DICTIONARY_REFRESH_TIMEOUT);
      return BatchCodec.decode(value, lookup);
    }
  }

  /** The consumer under this reader, for a {@link KafkaBatchSource} that positions it itself. */
  Consumer<byte[], byte[]> consumer() {
    return consumer;
  }

  /** The record decoded, or null when it is not a batch (counted and logged). */
  @Nullable ReceivedBatch decode(ConsumerRecord<byte[], byte[]> record) {
    if (record.headers().lastHeader(WireHeaders.RECORD) != null) {
      observeOtherRecord(record);
      return null;
    }
    TelemetryBatch batch;
    try {
      if (record.value() == null) {
        throw new BatchFormatException("no value");
      }
      batch = decodeValue(record.value());
    } catch (UnknownDictionaryException e) {
      missingDictionaries.incrementAndGet();
      malformed.incrementAndGet();
      LOG.warn(
          "Record at {}-{}@{} needs zstd dictionary {}, {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.dictionaryId(),
          dictionaries == null
              ? "but the reader has no dictionary topic"
              : "which is not on " + dictionaries.topic());
      return null;
    } catch (BatchFormatException e) {
      malformed.incrementAndGet();
      LOG.warn(
          "Malformed record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return null;
    }
    switch (sequences.observe(batch.getRobotId(), batch.getStream(), batch.getBatchSeq())) {
      case DUPLICATE -> duplicates.incrementAndGet();
      case GAP -> gaps.incrementAndGet();
      default -> {}
    }
    Map<String, String> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    return new ReceivedBatch(key, headers, batch, record.offset(), record.partition());
  }

  /**
   * A record that is not a batch (an incident manifest): not decoded, not malformed; its {@code
   * batch_seq} (from {@code eg-batch-id}) is observed so the next batch is no gap.
   */
  private void observeOtherRecord(ConsumerRecord<byte[], byte[]> record) {
    otherRecords.incrementAndGet();
    Header id = record.headers().lastHeader(WireHeaders.BATCH_ID);
    if (id == null || id.value() == null) {
      return;
    }
    String[] parts = new String(id.value(), StandardCharsets.UTF_8).split("/");
    if (parts.length < 3) {
      return;
    }
    try {
      long seq = Long.parseLong(parts[parts.length - 1]);
      String stream = parts[parts.length - 2];
      String robot = String.join("/", java.util.Arrays.copyOf(parts, parts.length - 2));
      sequences.observe(robot, stream, seq);
    } catch (NumberFormatException e) {
      // not a batch id this reader can follow; the next batch may count as a gap
    }
  }

  /** Records read that were not batches (incident manifests), skipped. */
  public long otherRecords() {
    return otherRecords.get();
  }
}
