package io.edgegateway.core.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.codec.proto.Lineage;
import io.edgegateway.core.codec.proto.PayloadEncoding;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Encodes envelopes into the Kafka wire format ({@code edgegateway.v1.TelemetryBatch}, protobuf,
 * one zstd frame) and decodes it back.
 *
 * <p>With {@code columnar} on, every topic whose payloads in a batch all have the same size (the
 * fixed-layout telemetry: {@code Imu}, {@code WrenchStamped}, {@code JointState} with constant
 * names, ...) travels as one {@code DELTA_SHUFFLE} block in its {@code TopicEntry} instead of one
 * payload per record; {@link #decode} restores the original payloads bit for bit, so readers never
 * see the difference.
 *
 * <p>With a {@link StreamDictionary} for a stream ({@link StreamEncoding}), its batches are
 * compressed with the stream's zstd dictionary once one is active; the frame header then names the
 * dictionary id (also written to {@code TelemetryBatch.zstd_dictionary_id}), and {@link
 * #decode(byte[], DictionaryLookup)} needs that dictionary to read the batch.
 *
 * <p>Sealing writes the records straight into a buffer reused per sealing thread ({@link
 * BatchWireBuffer}), so a sealed sample costs no protobuf object. Thread-safe.
 */
public final class BatchCodec {
  /** Largest decompressed batch accepted by {@link #decode}; protects readers from zstd bombs. */
  public static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

  private final String robotId;
  private final String instanceId;
  private final Lineage lineage;
  private final int level;
  private final Function<String, String> definitions;
  private final Function<String, StreamEncoding> encodings;
  private final BatchClockHealth clock;
  private final ThreadLocal<BatchWireBuffer> wires = ThreadLocal.withInitial(BatchWireBuffer::new);
  private final EncodedStrings strings = new EncodedStrings();

  /**
   * A codec writing every payload as received, with no message definitions in its topic tables.
   *
   * @param robotId robot id written into every batch
   * @param instanceId id of this gateway process
   * @param lineage lineage written into every batch
   * @param level zstd level (1..19)
   */
  public BatchCodec(String robotId, String instanceId, BatchLineage lineage, int level) {
    this(robotId, instanceId, lineage, level, type -> "", false);
  }

  /**
   * A codec that writes each topic's full message definition into the batch's topic table, once per
   * type per batch (later entries of the type leave it empty; {@link #decode} fills them in), so
   * consumers can decode without access to the robot.
   *
   * @param robotId robot id written into every batch
   * @param instanceId id of this gateway process
   * @param lineage lineage written into every batch
   * @param level zstd level (1..19)
   * @param definitions ROS type name to its full definition text ({@code ros2msg}, as in rosbag2),
   *     or an empty string when unknown; called on the batcher thread, so it must be fast
   */
  public BatchCodec(
      String robotId,
      String instanceId,
      BatchLineage lineage,
      int level,
      Function<String, String> definitions) {
    this(robotId, instanceId, lineage, level, definitions, false);
  }

  /**
   * A codec with the optional columnar transform and no message definitions.
   *
   * @param robotId robot id written into every batch
   * @param instanceId id of this gateway process
   * @param lineage lineage written into every batch
   * @param level zstd level (1..19)
   * @param columnar true to carry fixed-size payloads of a topic as one delta-coded, byte-shuffled
   *     block ({@code PAYLOAD_ENCODING_DELTA_SHUFFLE})
   */
  public BatchCodec(
      String robotId, String instanceId, BatchLineage lineage, int level, boolean columnar) {
    this(robotId, instanceId, lineage, level, type -> "", columnar);
  }

  /**
   * A codec with message definitions and the optional columnar transform; the parameters are those
   * of the constructors above.
   */
  public BatchCodec(
      String robotId,
      String instanceId,
      BatchLineage lineage,
      int level,
      Function<String, String> definitions,
      boolean columnar) {
    this(
        robotId,
        instanceId,
        lineage,
        level,
        definitions,
        stream -> columnar ? StreamEncoding.COLUMNAR : StreamEncoding.PLAIN);
  }

  /**
   * A codec whose encoding is chosen per stream and whose batches say their clock is {@link
   * ClockStatus#unknown}; the parameters are those of the next constructor.
   */
  public BatchCodec(
      String robotId,
      String instanceId,
      BatchLineage lineage,
      int level,
      Function<String, String> definitions,
      Function<String, StreamEncoding> encodings) {
    this(robotId, instanceId, lineage, level, definitions, encodings, ClockStatus::unknown);
  }

  /**
   * A codec whose encoding (columnar transform, zstd dictionary) is chosen per stream and whose
   * batches carry the wall clock's health.
   *
   * @param robotId robot id written into every batch
   * @param instanceId id of this gateway process
   * @param lineage lineage written into every batch
   * @param level zstd level (1..19)
   * @param definitions ROS type name to its full definition text ({@code ros2msg}, as in rosbag2),
   *     or an empty string when unknown; called on the batcher thread, so it must be fast
   * @param encodings the encoding of a stream, by stream name; called once per sealed batch
   * @param clock the clock's latest health ({@link BatchClockHealth}); called once per batch
   */
  public BatchCodec(
      String robotId,
      String instanceId,
      BatchLineage lineage,
      int level,
      Function<String, String> definitions,
      Function<String, StreamEncoding> encodings,
      Supplier<ClockStatus> clock) {
    this.clock = new BatchClockHealth(clock);
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.encodings = Objects.requireNonNull(encodings, "encodings");
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    if (level < 1 || level > 19) {
      throw new IllegalArgumentException("level : " + level + " (expected: 1..19)");
    }
    this.level = level;
    this.lineage =
        Lineage.newBuilder()
            .setFirmwareVersion(lineage.firmwareVersion())
            .setModelVersion(lineage.modelVersion())
            .setRunId(lineage.runId())
            .putAllLabels(lineage.labels())
            .build();
  }

  /**
   * Builds, encodes and compresses one batch.
   *
   * @param envelopes at least one sample, in receive order
   */
  public SealedBatch seal(
      String stream, long batchSeq, int priority, long sealedAtNs, List<Envelope> envelopes) {
    if (envelopes.isEmpty()) {
      throw new IllegalArgumentException("envelopes : empty (expected: at least one)");
    }
    TelemetryBatch.Builder batch =
        TelemetryBatch.newBuilder()
            .setRobotId(robotId)
            .setGatewayInstanceId(instanceId)
            .setStream(stream)
            .setBatchSeq(batchSeq)
            .setLineage(lineage)
            .setClockHealth(clock.forBatchOf(stream))
            .setSealedNs(sealedAtNs);
    Map<String, Integer> topicIds = new LinkedHashMap<>();
    Map<String, TopicEntry.Builder> topics = new HashMap<>();
    StreamEncoding encoding = Objects.requireNonNull(encodings.apply(stream), "encoding");
    ZstdDictionary dictionary =
        encoding.dictionary().flatMap(StreamDictionary::active).orElse(null);
    if (dictionary != null) {
      batch.setZstdDictionaryId((int) dictionary.id());
    }
    Map<String, List<byte[]>> columns =
        encoding.columnar() ? DeltaShuffle.fixedSizeTopics(envelopes) : Map.of();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Set<String> definedTypes = new HashSet<>(); // each definition once per batch, see decode
    for (Envelope e : envelopes) { // the topic table first: the records are written after it
      if (!topicIds.containsKey(e.topic())) {
        int id = topicIds.size() + 1;
        topicIds.put(e.topic(), id);
        String definition = definitions.apply(e.type());
        if (definition != null && !definition.isEmpty() && !definedTypes.add(e.type())) {
          definition = ""; // an earlier entry of this type carries it
        }
        topics.put(
            e.topic(),
            TopicEntry.newBuilder()
                .setId(id)
                .setNameBytes(strings.utf8(e.topic()))
                .setTypeBytes(strings.utf8(e.type()))
                .setDefinitionBytes(strings.utf8(definition == null ? "" : definition)));
      }
      first = Math.min(first, e.receiveStampNs());
      last = Math.max(last, e.receiveStampNs());
    }
    for (String topic : topicIds.keySet()) {
      TopicEntry.Builder entry = Objects.requireNonNull(topics.get(topic), topic);
      List<byte[]> rows = columns.get(topic);
      if (rows != null) {
        int size = rows.get(0).length;
        entry
            .setEncoding(PayloadEncoding.PAYLOAD_ENCODING_DELTA_SHUFFLE)
            .setPayloadSize(size)
            .setColumns(UnsafeByteOperations.unsafeWrap(DeltaShuffle.encode(rows, size)));
      }
      batch.addTopics(entry);
    }
    BatchWireBuffer wire = wires.get(); // records written straight into it: no object per sample
    wire.start(batch.build());
    for (Envelope e : envelopes) {
      int id = Objects.requireNonNull(topicIds.get(e.topic()), "topic id");
      byte[] payload = columns.containsKey(e.topic()) ? null : e.payload();
      wire.addRecord(id, e.sourceStampNs(), e.receiveStampNs(), e.seq(), payload);
    }
    int rawLength = wire.length();
    byte[] compressed;
    if (dictionary == null && encoding.dictionary().isEmpty()) {
      compressed = wire.compress(level);
    } else {
      byte[] raw = wire.toByteArray();
      wire.release();
      compressed = dictionary == null ? Zstd.compress(raw, level) : dictionary.compress(raw, level);
      encoding.dictionary().ifPresent(d -> d.offerSample(raw));
    }
    return new SealedBatch(
        stream,
        batchSeq,
        priority,
        sealedAtNs / 1_000_000L,
        envelopes.size(),
        first,
        last,
        rawLength,
        compressed);
  }

  /**
   * Decompresses and parses one Kafka record value compressed without a dictionary.
   *
   * @throws UnknownDictionaryException if the frame was compressed with a zstd dictionary
   * @throws BatchFormatException if the bytes are not a zstd frame of a {@code TelemetryBatch}
   */
  public static TelemetryBatch decode(byte[] value) throws BatchFormatException {
    return decode(value, DictionaryLookup.NONE);
  }

  /**
   * The zstd dictionary id in the frame header of {@code value}; 0 when the frame names none or
   * {@code value} is not a zstd frame.
   */
  public static long dictionaryId(byte[] value) {
    return value.length < 5 ? 0 : Zstd.getDictIdFromFrame(value);
  }

  /**
   * Decompresses and parses one Kafka record value, with the zstd dictionary its frame header
   * names, if any.
   *
   * @param dictionaries where to find the dictionary named by the frame header
   * @throws UnknownDictionaryException if the frame names a dictionary {@code dictionaries} does
   *     not know
   * @throws BatchFormatException if the bytes are not a zstd frame of a {@code TelemetryBatch}
   */
  public static TelemetryBatch decode(byte[] value, DictionaryLookup dictionaries)
      throws BatchFormatException {
    long size;
    try {
      size = Zstd.getFrameContentSize(value);
    } catch (RuntimeException e) {
      throw new BatchFormatException("not a zstd frame: " + e.getMessage(), e);
    }
    if (size < 0) {
      throw new BatchFormatException("not a zstd frame with a content size (code " + size + ")");
    }
    if (size > MAX_DECOMPRESSED_BYTES) {
      throw new BatchFormatException(
          "batch claims " + size + " bytes decompressed (limit " + MAX_DECOMPRESSED_BYTES + ")");
    }
    long dictionaryId = dictionaryId(value);
    ZstdDictionary dictionary = null;
    if (dictionaryId != 0) {
      dictionary =
          dictionaries
              .find(dictionaryId)
              .orElseThrow(() -> new UnknownDictionaryException(dictionaryId));
    }
    TelemetryBatch batch;
    try {
      byte[] raw =
          dictionary == null
              ? Zstd.decompress(value, (int) size)
              : dictionary.decompress(value, (int) size);
      batch = TelemetryBatch.parseFrom(raw);
    } catch (ZstdException e) {
      throw new BatchFormatException("corrupt zstd frame: " + e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      throw new BatchFormatException("not a TelemetryBatch: " + e.getMessage(), e);
    }
    batch = SharedDefinitions.filledIn(batch);
    for (TopicEntry topic : batch.getTopicsList()) {
      if (topic.getEncoding() != PayloadEncoding.PAYLOAD_ENCODING_RAW) {
        return restorePayloads(batch);
      }
    }
    return batch;
  }

  /** The batch with every columnar topic's payloads put back into its records. */
  private static TelemetryBatch restorePayloads(TelemetryBatch batch) throws BatchFormatException {
    Map<Integer, Integer> counts = new HashMap<>();
    for (Record r : batch.getRecordsList()) {
      counts.merge(r.getTopicId(), 1, Integer::sum);
    }
    Map<Integer, byte[][]> restored = new HashMap<>();
    TelemetryBatch.Builder out = batch.toBuilder().clearTopics().clearRecords();
    for (TopicEntry topic : batch.getTopicsList()) {
      switch (topic.getEncoding()) {
        case PAYLOAD_ENCODING_RAW -> out.addTopics(topic);
        case PAYLOAD_ENCODING_DELTA_SHUFFLE -> {
          int n = counts.getOrDefault(topic.getId(), 0);
          int size = topic.getPayloadSize();
          if (n < 1 || (long) n * size != topic.getColumns().size()) {
            throw new BatchFormatException(
                "topic "
                    + topic.getName()
                    + ": columns of "
                    + topic.getColumns().size()
                    + " bytes do not hold "
                    + n
                    + " payloads of "
                    + size
                    + " bytes");
          }
          restored.put(
              topic.getId(), DeltaShuffle.decode(topic.getColumns().toByteArray(), n, size));
          out.addTopics(
              topic.toBuilder().clearEncoding().clearPayloadSize().clearColumns().build());
        }
        default ->
            throw new BatchFormatException(
                "topic "
                    + topic.getName()
                    + ": unknown payload encoding "
                    + topic.getEncodingValue());
      }
    }
    Map<Integer, Integer> next = new HashMap<>();
    for (Record r : batch.getRecordsList()) {
      byte[][] rows = restored.get(r.getTopicId());
      if (rows == null) {
        out.addRecords(r);
        continue;
      }
      if (!r.getPayload().isEmpty()) {
        throw new BatchFormatException(
            "record of columnar topic " + r.getTopicId() + " carries its own payload");
      }
      int i = next.merge(r.getTopicId(), 1, Integer::sum) - 1;
      out.addRecords(r.toBuilder().setPayload(UnsafeByteOperations.unsafeWrap(rows[i])));
    }
    return out.build();
  }
}
