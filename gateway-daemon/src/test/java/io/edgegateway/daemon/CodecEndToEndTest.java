package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static io.edgegateway.daemon.GatewayFixture.STRING_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.DictionaryStore;
import io.edgegateway.core.codec.StreamDictionary;
import io.edgegateway.core.codec.StreamEncoding;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.codec.proto.PayloadEncoding;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.config.DictionarySettings;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.StreamCodec;
import io.edgegateway.core.config.StreamSettings;
import io.edgegateway.core.config.UplinkSettings;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import io.edgegateway.uplink.WireHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with {@code codec: columnar} and a dictionary file on its telemetry stream: a foreign
 * peer's samples reach Kafka compressed with the dictionary, the dictionary reaches the dictionary
 * topic, and a reader given that topic gets every payload back byte for byte.
 */
@ExtendWith(SharedKafkaExtension.class)
class CodecEndToEndTest {
  private static final int N = 100;
  private static final int M = 200;

  @TempDir Path dir;

  @Test
  void columnarBatchesWithADictionaryFileRoundTripThroughKafka(EmbeddedKafka kafka)
      throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.codec.telemetry";
    String dictionaryTopic = "e2e.codec.dictionaries";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    kafka.createTopic(dictionaryTopic, 1, true);
    ZstdDictionary dictionary = trainOnImuSamples(dir.resolve("training"));
    Path file = dir.resolve("telemetry.zdict");
    Files.write(file, dictionary.bytes());
    GatewayConfig base =
        GatewayFixture.config(
            "hx-codec", dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic);
    UplinkSettings u = base.uplink();
    GatewayConfig cfg =
        new GatewayConfig(
            base.gateway(),
            base.ros2(),
            base.buffer(),
            new UplinkSettings(
                u.kafka(),
                Map.of(
                    "telemetry",
                    new StreamSettings(
                        kafkaTopic,
                        StreamCodec.COLUMNAR,
                        Optional.of(new DictionarySettings(100, 64 * 1024, Optional.of(file))))),
                u.checkpointTopic(),
                dictionaryTopic),
            base.http());

    List<ReceivedBatch> batches = new ArrayList<>();
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, STRING_TOPIC, N, IMU_TOPIC, M);
        BatchReader reader =
            BatchReader.create(
                kafka.bootstrapServers(),
                kafkaTopic,
                BatchReader.StartPosition.EARLIEST,
                Map.of(),
                dictionaryTopic)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      await()
          .pollInSameThread()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                batches.addAll(reader.poll(Duration.ofMillis(500)));
                return GatewayFixture.totalRecords(batches) >= N + M;
              });
      assertThat(reader.malformed()).isZero();
    }

    assertThat(GatewayFixture.totalRecords(batches)).isEqualTo(N + M);
    assertThat(batches)
        .allSatisfy(
            b -> {
              assertThat(b.headers())
                  .containsEntry(WireHeaders.ZSTD_DICT, Long.toString(dictionary.id()));
              assertThat(Integer.toUnsignedLong(b.batch().getZstdDictionaryId()))
                  .isEqualTo(dictionary.id());
              assertThat(b.batch().getTopicsList())
                  .allSatisfy(
                      t ->
                          assertThat(t.getEncoding())
                              .isEqualTo(PayloadEncoding.PAYLOAD_ENCODING_RAW));
            });
    List<Record> imus = GatewayFixture.recordsOf(batches, IMU_TOPIC);
    List<Record> strings = GatewayFixture.recordsOf(batches, STRING_TOPIC);
    for (int i = 0; i < M; i++) {
      assertThat(imus.get(i).getPayload().toByteArray())
          .as("imu %d", i)
          .isEqualTo(GatewayFixture.expectedImu(i));
    }
    for (int i = 0; i < N; i++) {
      assertThat(strings.get(i).getPayload().toByteArray())
          .as("string %d", i)
          .isEqualTo(GatewayFixture.expectedString(i));
    }
    assertThat(dir.resolve("data/dictionaries/" + dictionary.id() + ".zdict")).exists();
  }

  /** A dictionary trained, as the gateway would, from columnar batches of the peer's samples. */
  private static ZstdDictionary trainOnImuSamples(Path storeDir) {
    StreamDictionary training =
        StreamDictionary.trained("telemetry", DictionaryStore.open(storeDir), 40, 8 * 1024);
    BatchCodec codec =
        new BatchCodec(
            "hx-codec",
            "trainer",
            new BatchLineage("", "", "run", Map.of()),
            3,
            type -> "",
            stream -> new StreamEncoding(true, Optional.of(training)));
    for (int b = 0; b < 40; b++) {
      List<Envelope> envelopes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int k = b * 20 + i;
        envelopes.add(
            new Envelope(
                IMU_TOPIC, "sensor_msgs/msg/Imu", k, k, k + 1, GatewayFixture.expectedImu(k)));
        envelopes.add(
            new Envelope(
                STRING_TOPIC,
                "std_msgs/msg/String",
                k,
                k,
                k + 1,
                GatewayFixture.expectedString(k)));
      }
      codec.seal("telemetry", b + 1, 5, 0, envelopes);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> training.active().isPresent());
    return training.active().orElseThrow();
  }
}
