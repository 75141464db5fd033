package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.ZstdDictionary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds the Kafka records of one robot's transactions (DESIGN §5): a sealed batch's record (key
 * robot id, value the zstd frame, {@link WireHeaders} headers (plus the batch's own {@link
 * SealedBatch#headers()}, which may replace {@code eg-encoding} and {@code eg-schema}), {@code
 * eg-zstd-dict} only when the frame names a dictionary), a stream's checkpoint record and a zstd
 * dictionary's record.
 */
final class BatchRecords {
  private final String robotId;
  private final byte[] key;

  BatchRecords(String robotId) {
    this.robotId = robotId;
    this.key = robotId.getBytes(StandardCharsets.UTF_8);
  }

  ProducerRecord<byte[], byte[]> toRecord(String topic, SealedBatch batch) {
    Map<String, String> extra = batch.headers();
    List<Header> headers =
        new ArrayList<>(
            List.of(
                header(WireHeaders.BATCH_ID, batch.batchId(robotId)),
                header(
                    WireHeaders.ENCODING,
                    extra.getOrDefault(WireHeaders.ENCODING, WireHeaders.ENCODING_ZSTD)),
                header(
                    WireHeaders.SCHEMA,
                    extra.getOrDefault(WireHeaders.SCHEMA, WireHeaders.SCHEMA_TELEMETRY_BATCH)),
                header(WireHeaders.RECORDS, Integer.toString(batch.records())),
                header(WireHeaders.FIRST_NS, Long.toString(batch.firstStampNs())),
                header(WireHeaders.LAST_NS, Long.toString(batch.lastStampNs()))));
    if (!extra.containsKey(WireHeaders.RECORD)) {
      long dictionaryId = BatchCodec.dictionaryId(batch.payload());
      if (dictionaryId != 0) {
        headers.add(header(WireHeaders.ZSTD_DICT, Long.toString(dictionaryId)));
      }
    }
    extra.forEach(
        (name, value) -> {
          if (!name.equals(WireHeaders.ENCODING) && !name.equals(WireHeaders.SCHEMA)) {
            headers.add(header(name, value));
          }
        });
    return new ProducerRecord<>(topic, null, key, batch.payload(), headers);
  }

  /** {@code <robot_id>/<stream>}: the key of {@code stream}'s checkpoint. */
  String checkpointKey(String stream) {
    return robotId + "/" + stream;
  }

  /**
   * The checkpoint of {@code stream}: key {@link #checkpointKey}, value {@code batchSeq} as decimal
   * UTF-8, no headers.
   */
  ProducerRecord<byte[], byte[]> checkpoint(String topic, String stream, long batchSeq) {
    return new ProducerRecord<>(
        topic,
        checkpointKey(stream).getBytes(StandardCharsets.UTF_8),
        Long.toString(batchSeq).getBytes(StandardCharsets.UTF_8));
  }

  /** The record of {@code dictionary}: key its decimal id, value its bytes, no headers. */
  ProducerRecord<byte[], byte[]> dictionary(String topic, ZstdDictionary dictionary) {
    return new ProducerRecord<>(
        topic, Long.toString(dictionary.id()).getBytes(StandardCharsets.UTF_8), dictionary.bytes());
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
