package io.edgegateway.core.codec;

import com.google.protobuf.ByteString;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.proto.Lineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link TelemetryBatch} built in memory from samples, payloads inline and uncompressed: what a
 * reader of samples that never went through Kafka (an incident from the robot's own capture store)
 * hands to code written for decoded batches, such as the MCAP export.
 */
public final class PlainBatch {
  private PlainBatch() {}

  /**
   * The batch of {@code envelopes}, its topic table in order of first appearance.
   *
   * @param definitions the full message definition of a type, or empty when unknown
   */
  public static TelemetryBatch of(
      String robotId,
      BatchLineage lineage,
      String stream,
      long batchSeq,
      List<Envelope> envelopes,
      Function<String, String> definitions) {
    TelemetryBatch.Builder batch =
        TelemetryBatch.newBuilder()
            .setRobotId(robotId)
            .setStream(stream)
            .setBatchSeq(batchSeq)
            .setLineage(
                Lineage.newBuilder()
                    .setFirmwareVersion(lineage.firmwareVersion())
                    .setModelVersion(lineage.modelVersion())
                    .setRunId(lineage.runId())
                    .putAllLabels(lineage.labels()));
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      Integer id = ids.get(e.topic());
      if (id == null) {
        id = ids.size() + 1;
        ids.put(e.topic(), id);
        batch.addTopics(
            TopicEntry.newBuilder()
                .setId(id)
                .setName(e.topic())
                .setType(e.type())
                .setDefinition(definitions.apply(e.type())));
      }
      batch.addRecords(
          Record.newBuilder()
              .setTopicId(id)
              .setSourceStampNs(e.sourceStampNs())
              .setReceiveStampNs(e.receiveStampNs())
              .setSeq(e.seq())
              .setPayload(ByteString.copyFrom(e.payload())));
    }
    return batch.build();
  }
}
