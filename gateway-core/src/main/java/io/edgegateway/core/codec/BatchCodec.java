package io.edgegateway.core.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.proto.ClockHealth;
import io.edgegateway.core.codec.proto.Lineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Encodes envelopes into the Kafka wire format ({@code edgegateway.v1.TelemetryBatch}, protobuf,
 * one zstd frame) and decodes it back.
 */
public final class BatchCodec {
  /** Largest decompressed batch accepted by {@link #decode}; protects readers from zstd bombs. */
  public static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

  private final String robotId;
  private final String instanceId;
  private final Lineage lineage;
  private final int level;
  private final Function<String, String> definitions;

  /**
   * A codec whose topic tables carry no message definitions.
   *
   * @param robotId robot id written into every batch
   * @param instanceId id of this gateway process
   * @param lineage lineage written into every batch
   * @param level zstd level (1..19)
   */
  public BatchCodec(String robotId, String instanceId, BatchLineage lineage, int level) {
    this(robotId, instanceId, lineage, level, type -> "");
  }

  /**
   * A codec that writes each topic's full message definition into the batch's topic table, once per
   * topic per batch, so consumers can decode without access to the robot.
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
    this.definitions = Objects.requireNonNull(definitions, "definitions");
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
            .setClockHealth(ClockHealth.newBuilder().setSource("system").setSynchronized(true))
            .setSealedNs(sealedAtNs);
    Map<String, Integer> topicIds = new LinkedHashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Envelope e : envelopes) {
      Integer id = topicIds.get(e.topic());
      if (id == null) {
        id = topicIds.size() + 1;
        topicIds.put(e.topic(), id);
        String definition = definitions.apply(e.type());
        batch.addTopics(
            TopicEntry.newBuilder()
                .setId(id)
                .setName(e.topic())
                .setType(e.type())
                .setDefinition(definition == null ? "" : definition));
      }
      batch.addRecords(
          Record.newBuilder()
              .setTopicId(id)
              .setSourceStampNs(e.sourceStampNs())
              .setReceiveStampNs(e.receiveStampNs())
              .setSeq(e.seq())
              .setPayload(ByteString.copyFrom(e.payload())));
      first = Math.min(first, e.receiveStampNs());
      last = Math.max(last, e.receiveStampNs());
    }
    byte[] raw = batch.build().toByteArray();
    byte[] compressed = Zstd.compress(raw, level);
    return new SealedBatch(
        stream,
        batchSeq,
        priority,
        sealedAtNs / 1_000_000L,
        envelopes.size(),
        first,
        last,
        raw.length,
        compressed);
  }

  /**
   * Decompresses and parses one Kafka record value.
   *
   * @throws BatchFormatException if the bytes are not a zstd frame of a {@code TelemetryBatch}
   */
  public static TelemetryBatch decode(byte[] value) throws BatchFormatException {
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
    try {
      byte[] raw = Zstd.decompress(value, (int) size);
      return TelemetryBatch.parseFrom(raw);
    } catch (ZstdException e) {
      throw new BatchFormatException("corrupt zstd frame: " + e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      throw new BatchFormatException("not a TelemetryBatch: " + e.getMessage(), e);
    }
  }
}
