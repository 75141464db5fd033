package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaExtension.class)
class BatchReaderTest {
  private final TestBatches batches = new TestBatches();
  private final BatchRecords records = new BatchRecords(TestBatches.ROBOT);

  @Test
  void countsUndecodableRecordsAsMalformedWithoutThrowing(EmbeddedKafka kafka) {
    String topic = "reader-malformed";
    kafka.createTopic(topic, 1, false);
    produce(
        kafka,
        List.of(
            new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8)),
            new ProducerRecord<>(topic, null, null),
            records.toRecord(topic, batches.batch("telemetry", 1).batch())));

    try (BatchReader reader = earliest(kafka, topic)) {
      List<ReceivedBatch> received = Readers.readAtLeast(reader, 1);

      assertThat(received).extracting(r -> r.batch().getBatchSeq()).containsExactly(1L);
      assertThat(received.get(0).offset()).isEqualTo(2);
      assertThat(reader.malformed()).isEqualTo(2);
    }
  }

  @Test
  void countsDuplicatesAndGapsPerRobotAndStream(EmbeddedKafka kafka) {
    String topic = "reader-sequence";
    kafka.createTopic(topic, 1, false);
    produce(
        kafka,
        List.of(
            records.toRecord(topic, batches.batch("telemetry", 1).batch()),
            records.toRecord(topic, batches.batch("events", 7).batch()),
            records.toRecord(topic, batches.batch("telemetry", 2).batch()),
            records.toRecord(topic, batches.batch("telemetry", 2).batch()),
            records.toRecord(topic, batches.batch("events", 8).batch()),
            records.toRecord(topic, batches.batch("telemetry", 4).batch()),
            records.toRecord(topic, batches.batch("telemetry", 1).batch())));

    try (BatchReader reader = earliest(kafka, topic)) {
      assertThat(Readers.readAtLeast(reader, 7)).hasSize(7);

      assertThat(reader.duplicates()).isEqualTo(2);
      assertThat(reader.gaps()).isEqualTo(1);
      assertThat(reader.malformed()).isZero();
    }
  }

  @Test
  void skipsAManifestRecordWithoutCallingItMalformedOrAGap(EmbeddedKafka kafka) {
    String topic = "reader-manifest";
    kafka.createTopic(topic, 1, false);
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    io.edgegateway.core.batch.SealedBatch manifest =
        new io.edgegateway.core.batch.SealedBatch(
            "incidents",
            2,
            9,
            0,
            0,
            1,
            2,
            json.length,
            json,
            List.of(),
            Map.of(
                WireHeaders.INCIDENT_ID, "i",
                WireHeaders.RECORD, WireHeaders.RECORD_INCIDENT_MANIFEST,
                WireHeaders.ENCODING, WireHeaders.ENCODING_IDENTITY));
    produce(
        kafka,
        List.of(
            records.toRecord(topic, batches.batch("incidents", 1).batch()),
            records.toRecord(topic, manifest),
            records.toRecord(topic, batches.batch("incidents", 3).batch())));

    try (BatchReader reader = earliest(kafka, topic)) {
      List<ReceivedBatch> received = Readers.readAtLeast(reader, 2);

      assertThat(received).extracting(r -> r.batch().getBatchSeq()).containsExactly(1L, 3L);
      assertThat(reader.otherRecords()).isEqualTo(1);
      assertThat(reader.malformed()).isZero();
      assertThat(reader.gaps()).isZero();
    }
  }

  @Test
  void latestStartSkipsBatchesWrittenBefore(EmbeddedKafka kafka) {
    String topic = "reader-latest";
    kafka.createTopic(topic, 2, false);
    produce(kafka, List.of(records.toRecord(topic, batches.batch("telemetry", 1).batch())));

    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(), topic, BatchReader.StartPosition.LATEST, Map.of())) {
      assertThat(reader.poll(Duration.ofMillis(500))).isEmpty();
      produce(kafka, List.of(records.toRecord(topic, batches.batch("telemetry", 2).batch())));

      assertThat(Readers.readAtLeast(reader, 1))
          .extracting(r -> r.batch().getBatchSeq())
          .containsExactly(2L);
    }
  }

  @Test
  void pollReturnsNothingWhileTopicIsMissing(EmbeddedKafka kafka) {
    try (BatchReader reader = earliest(kafka, "reader-missing")) {
      assertThat(reader.poll(Duration.ofMillis(300))).isEmpty();
      assertThat(reader.malformed()).isZero();
    }
  }

  @Test
  void wakeupEndsAWaitingPollEarly(EmbeddedKafka kafka) {
    String topic = "reader-wakeup";
    kafka.createTopic(topic, 1, false);
    try (BatchReader reader = earliest(kafka, topic)) {
      assertThat(reader.poll(Duration.ofMillis(300))).isEmpty();
      reader.wakeup();
      long startNs = System.nanoTime();

      assertThat(reader.poll(Duration.ofSeconds(10))).isEmpty();
      assertThat(System.nanoTime() - startNs).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
  }

  private static BatchReader earliest(EmbeddedKafka kafka, String topic) {
    return BatchReader.create(
        kafka.bootstrapServers(), topic, BatchReader.StartPosition.EARLIEST, Map.of());
  }

  private static void produce(EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> batch) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> record : batch) {
        producer.send(record).get(20, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + batch.get(0).topic(), e);
    }
  }
}
