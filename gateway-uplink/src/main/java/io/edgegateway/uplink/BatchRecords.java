package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Maps a sealed batch to its Kafka record: key robot id, value the zstd frame, DESIGN §5 headers
 * ({@code eg-zstd-dict} only when the frame names a dictionary).
 */
final class BatchRecords {
  private final String robotId;
  private final byte[] key;

  BatchRecords(String robotId) {
    this.robotId = robotId;
    this.key = robotId.getBytes(StandardCharsets.UTF_8);
  }

  ProducerRecord<byte[], byte[]> toRecord(String topic, SealedBatch batch) {
    List<Header> headers =
        new ArrayList<>(
            List.of(
                header(WireHeaders.BATCH_ID, batch.batchId(robotId)),
                header(WireHeaders.ENCODING, WireHeaders.ENCODING_ZSTD),
                header(WireHeaders.SCHEMA, WireHeaders.SCHEMA_TELEMETRY_BATCH),
                header(WireHeaders.RECORDS, Integer.toString(batch.records())),
                header(WireHeaders.FIRST_NS, Long.toString(batch.firstStampNs())),
                header(WireHeaders.LAST_NS, Long.toString(batch.lastStampNs()))));
    long dictionaryId = BatchCodec.dictionaryId(batch.payload());
    if (dictionaryId != 0) {
      headers.add(header(WireHeaders.ZSTD_DICT, Long.toString(dictionaryId)));
    }
    return new ProducerRecord<>(topic, null, key, batch.payload(), headers);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
