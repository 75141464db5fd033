package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.DictionaryStore;
import io.edgegateway.core.codec.StreamDictionary;
import io.edgegateway.core.codec.StreamEncoding;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKafkaExtension.class)
class DictionaryUplinkTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int TRAIN_AFTER = 30;

  @Test
  void dictionaryTravelsWithItsFirstBatchOnceAndReadersDecodeWithIt(
      EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
    kafka.createTopic("dict-telemetry", 1, false);
    kafka.createTopic("dict-checkpoints", 1, true);
    kafka.createTopic("dict-dictionaries", 1, true);
    DictionaryStore store = DictionaryStore.open(dir);
    Sealer sealer = new Sealer(store);
    List<StoredBatch> plain = sealer.sealUntilTrained();
    ZstdDictionary dictionary = sealer.dictionary.active().orElseThrow();
    StoredBatch first = sealer.seal();
    StoredBatch second = sealer.seal();

    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", "dict-telemetry"),
            "dict-checkpoints",
            "dict-dictionaries",
            store)) {
      uplink.deliver(plain, TIMEOUT);
      uplink.deliver(List.of(first), TIMEOUT);
      uplink.deliver(List.of(second), TIMEOUT);
    }

    List<ConsumerRecord<byte[], byte[]>> published = readRaw(kafka, "dict-dictionaries", 1);
    assertThat(published).hasSize(1);
    assertThat(new String(published.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo(Long.toString(dictionary.id()));
    assertThat(published.get(0).value()).isEqualTo(dictionary.bytes());
    int total = plain.size() + 2;
    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(),
            "dict-telemetry",
            BatchReader.StartPosition.EARLIEST,
            Map.of(),
            "dict-dictionaries")) {
      List<ReceivedBatch> received = Readers.readAtLeast(reader, total);
      assertThat(received).hasSize(total);
      assertThat(reader.malformed()).isZero();
      ReceivedBatch last = received.get(total - 1);
      assertThat(last.headers())
          .containsEntry(WireHeaders.ZSTD_DICT, Long.toString(dictionary.id()));
      assertThat(received.get(0).headers()).doesNotContainKey(WireHeaders.ZSTD_DICT);
      assertThat(last.batch().getRecordsList())
          .extracting(r -> r.getPayload().toByteArray())
          .containsExactlyElementsOf(sealer.payloadsOf(second));
    }
  }

  @Test
  void readerWithoutTheDictionaryCountsTheBatchAndGoesOn(EmbeddedKafka kafka, @TempDir Path dir)
      throws Exception {
    kafka.createTopic("dict-missing", 1, false);
    kafka.createTopic("dict-missing-checkpoints", 1, true);
    kafka.createTopic("dict-missing-dictionaries", 1, true);
    DictionaryStore store = DictionaryStore.open(dir);
    Sealer sealer = new Sealer(store);
    sealer.sealUntilTrained();
    StoredBatch compressedWithDictionary = sealer.seal();
    Sealer plainSealer = new Sealer(null);
    StoredBatch plainAfter = plainSealer.sealAs(compressedWithDictionary.batch().batchSeq() + 1);

    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", "dict-missing"),
            "dict-missing-checkpoints",
            "dict-missing-dictionaries",
            store)) {
      uplink.deliver(List.of(compressedWithDictionary, plainAfter), TIMEOUT);
    }

    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(),
            "dict-missing",
            BatchReader.StartPosition.EARLIEST,
            Map.of())) {
      List<ReceivedBatch> received = Readers.readAtLeast(reader, 1);
      assertThat(received)
          .extracting(r -> r.batch().getBatchSeq())
          .containsExactly(plainAfter.batch().batchSeq());
      assertThat(reader.missingDictionaries()).isEqualTo(1);
      assertThat(reader.malformed()).isEqualTo(1);
    }
  }

  @Test
  void dictionaryTopicMustDifferFromTheOtherTopics() {
    for (String clash : List.of("dict-clash", "dict-clash-checkpoints")) {
      assertThatThrownBy(
              () ->
                  KafkaUplink.create(
                      TestBatches.ROBOT,
                      "127.0.0.1:1",
                      Map.of(),
                      Map.of("telemetry", "dict-clash"),
                      "dict-clash-checkpoints",
                      clash,
                      DictionaryLookup.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dictionaryTopic : \"" + clash + "\"");
    }
  }

  /** Seals IMU-like batches of one stream with a trained dictionary. */
  private static final class Sealer {
    final StreamDictionary dictionary;
    final BatchCodec codec;
    final Map<Long, List<byte[]>> payloads = new HashMap<>();
    long seq;

    Sealer(DictionaryStore store) {
      dictionary =
          store == null ? null : StreamDictionary.trained("telemetry", store, TRAIN_AFTER, 4096);
      codec =
          new BatchCodec(
              TestBatches.ROBOT,
              "instance-1",
              new BatchLineage("fw", "model", "run", Map.of()),
              3,
              type -> "",
              stream -> new StreamEncoding(true, Optional.ofNullable(dictionary)));
    }

    List<StoredBatch> sealUntilTrained() {
      List<StoredBatch> out = new ArrayList<>();
      for (int i = 0; i < TRAIN_AFTER; i++) {
        out.add(seal());
      }
      await().atMost(TIMEOUT).until(() -> dictionary.active().isPresent());
      return out;
    }

    StoredBatch seal() {
      return sealAs(seq + 1);
    }

    StoredBatch sealAs(long batchSeq) {
      seq = batchSeq;
      List<Envelope> envelopes = new ArrayList<>();
      List<byte[]> rows = new ArrayList<>();
      for (int r = 0; r < 10; r++) {
        ByteBuffer cdr = ByteBuffer.allocate(4 + 8 * 12).order(ByteOrder.LITTLE_ENDIAN);
        cdr.put(new byte[] {0, 1, 0, 0});
        for (int f = 0; f < 12; f++) {
          cdr.putDouble(Math.sin(0.01 * (batchSeq * 10 + r) + f));
        }
        rows.add(cdr.array());
        long stamp = 1_700_000_000_000_000_000L + (batchSeq * 10 + r) * 1_000_000L;
        envelopes.add(
            new Envelope(
                "/imu", "sensor_msgs/msg/Imu", stamp, stamp, batchSeq * 10 + r, cdr.array()));
      }
      payloads.put(batchSeq, rows);
      return new StoredBatch(
          batchSeq, codec.seal("telemetry", batchSeq, 5, 1_700_000_000_000_000_000L, envelopes));
    }

    List<byte[]> payloadsOf(StoredBatch batch) {
      return payloads.get(batch.batch().batchSeq());
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readRaw(
      EmbeddedKafka kafka, String topic, int atLeast) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition p = new TopicPartition(topic, 0);
      consumer.assign(List.of(p));
      consumer.seekToBeginning(List.of(p));
      await()
          .pollInSameThread()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= atLeast
                    && consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p);
              });
    }
    return out;
  }
}
