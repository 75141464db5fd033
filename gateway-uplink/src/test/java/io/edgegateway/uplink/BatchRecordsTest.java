package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class BatchRecordsTest {
  private final BatchRecords records = new BatchRecords(TestBatches.ROBOT);
  private final SealedBatch batch = new TestBatches().batch("telemetry", 4).batch();

  @Test
  void batchRecord_isKeyedByRobotIdAndCarriesTheWireHeadersInOrder() {
    ProducerRecord<byte[], byte[]> record = records.toRecord("t", batch);

    assertThat(record.topic()).isEqualTo("t");
    assertThat(record.partition()).isNull();
    assertThat(utf8(record.key())).isEqualTo("robot-7");
    assertThat(record.value()).isSameAs(batch.payload());
    assertThat(headers(record))
        .containsExactly(
            Map.entry(WireHeaders.BATCH_ID, "robot-7/telemetry/4"),
            Map.entry(WireHeaders.ENCODING, "zstd"),
            Map.entry(WireHeaders.SCHEMA, "edgegateway.v1.TelemetryBatch"),
            Map.entry(WireHeaders.RECORDS, "3"),
            Map.entry(WireHeaders.FIRST_NS, Long.toString(batch.firstStampNs())),
            Map.entry(WireHeaders.LAST_NS, Long.toString(batch.lastStampNs())));
  }

  @Test
  void batchRecord_carriesTheBatchsOwnHeadersAfterTheWireHeaders() {
    ProducerRecord<byte[], byte[]> record =
        records.toRecord("t", batch.withHeaders(Map.of(WireHeaders.INCIDENT_ID, "inc-9")));

    assertThat(headers(record))
        .hasSize(7)
        .last()
        .isEqualTo(Map.entry(WireHeaders.INCIDENT_ID, "inc-9"));
  }

  @Test
  void manifestRecord_replacesEncodingAndSchemaAndCarriesItsRecordKind() {
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    SealedBatch manifest =
        new SealedBatch(
            "incidents",
            12,
            9,
            0,
            0,
            1,
            2,
            json.length,
            json,
            List.of(),
            Map.of(
                WireHeaders.INCIDENT_ID, "inc-9",
                WireHeaders.RECORD, WireHeaders.RECORD_INCIDENT_MANIFEST,
                WireHeaders.SCHEMA, WireHeaders.SCHEMA_INCIDENT_MANIFEST,
                WireHeaders.ENCODING, WireHeaders.ENCODING_IDENTITY));

    List<Map.Entry<String, String>> headers = headers(records.toRecord("t", manifest));

    assertThat(headers)
        .contains(
            Map.entry(WireHeaders.BATCH_ID, "robot-7/incidents/12"),
            Map.entry(WireHeaders.ENCODING, "identity"),
            Map.entry(WireHeaders.SCHEMA, "edgegateway.v1.IncidentManifest+json"),
            Map.entry(WireHeaders.INCIDENT_ID, "inc-9"),
            Map.entry(WireHeaders.RECORD, "incident-manifest"));
    assertThat(headers).extracting(Map.Entry::getKey).doesNotHaveDuplicates();
  }

  @Test
  void checkpointRecord_isKeyedByRobotAndStreamWithTheDecimalSequence() {
    ProducerRecord<byte[], byte[]> record = records.checkpoint("cp", "telemetry", 42);

    assertThat(records.checkpointKey("telemetry")).isEqualTo("robot-7/telemetry");
    assertThat(record.topic()).isEqualTo("cp");
    assertThat(utf8(record.key())).isEqualTo("robot-7/telemetry");
    assertThat(utf8(record.value())).isEqualTo("42");
    assertThat(record.headers().toArray()).isEmpty();
  }

  private static List<Map.Entry<String, String>> headers(ProducerRecord<byte[], byte[]> record) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Header h : record.headers()) {
      out.add(Map.entry(h.key(), utf8(h.value())));
    }
    return out;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
