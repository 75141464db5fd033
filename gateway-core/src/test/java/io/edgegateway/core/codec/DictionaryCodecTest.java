package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryCodecTest {
  private static final BatchLineage LINEAGE =
      new BatchLineage("1.8.2", "policy", "run-7", Map.of("site", "plant-3"));
  private static final ZstdDictionary DICTIONARY = trainDictionary();

  private final BatchCodec plain = new BatchCodec("hx-0042", "i-1", LINEAGE, 3, false);

  @Property(tries = 200)
  void dictionaryDecodeEqualsPlainDecodeForRandomBatches(
      @ForAll("mixedEnvelopes") @Size(min = 1, max = 60) List<Envelope> envelopes,
      @ForAll boolean columnar)
      throws Exception {
    BatchCodec withDictionary = codec(columnar, fixed(DICTIONARY));

    byte[] value = withDictionary.seal("telemetry", 3, 5, 42L, envelopes).payload();
    TelemetryBatch decoded = BatchCodec.decode(value, id -> lookup(id, DICTIONARY));
    TelemetryBatch fromPlain =
        BatchCodec.decode(plain.seal("telemetry", 3, 5, 42L, envelopes).payload());

    assertThat(BatchCodec.dictionaryId(value)).isEqualTo(DICTIONARY.id());
    assertThat(Integer.toUnsignedLong(decoded.getZstdDictionaryId())).isEqualTo(DICTIONARY.id());
    assertThat(decoded.toBuilder().clearZstdDictionaryId().build()).isEqualTo(fromPlain);
    for (int i = 0; i < envelopes.size(); i++) {
      assertThat(decoded.getRecords(i).getPayload().toByteArray())
          .isEqualTo(envelopes.get(i).payload());
    }
  }

  @Property(tries = 50)
  void smoothSamplesRoundTripExactlyWithColumnarAndDictionary(
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll double frequency) throws Exception {
    List<Envelope> envelopes = imuSamples(n, frequency, 0);

    byte[] value = codec(true, fixed(DICTIONARY)).seal("telemetry", 1, 5, 0, envelopes).payload();
    TelemetryBatch decoded = BatchCodec.decode(value, id -> lookup(id, DICTIONARY));

    for (int i = 0; i < n; i++) {
      assertThat(decoded.getRecords(i).getPayload().toByteArray())
          .isEqualTo(envelopes.get(i).payload());
    }
  }

  @Test
  void plainFramesNameNoDictionary() throws Exception {
    byte[] value = plain.seal("telemetry", 1, 5, 0, imuSamples(5, 0.1, 0)).payload();

    assertThat(BatchCodec.dictionaryId(value)).isZero();
    assertThat(BatchCodec.decode(value, DictionaryLookup.NONE).getZstdDictionaryId()).isZero();
    assertThat(BatchCodec.dictionaryId(new byte[] {1, 2, 3})).isZero();
  }

  @Test
  void unknownDictionaryIsATypedErrorNamingTheId() {
    byte[] value =
        codec(true, fixed(DICTIONARY)).seal("telemetry", 1, 5, 0, imuSamples(5, 0.1, 0)).payload();

    assertThatThrownBy(() -> BatchCodec.decode(value))
        .isInstanceOfSatisfying(
            UnknownDictionaryException.class,
            e -> assertThat(e.dictionaryId()).isEqualTo(DICTIONARY.id()))
        .hasMessageContaining(Long.toString(DICTIONARY.id()));
  }

  @Test
  void smallBatchesCompressSmallerWithTheDictionary() {
    List<Envelope> small = imuSamples(10, 0.05, 1_000);

    int without = codec(true, Optional.empty()).seal("telemetry", 1, 5, 0, small).payload().length;
    int with = codec(true, fixed(DICTIONARY)).seal("telemetry", 1, 5, 0, small).payload().length;

    assertThat(with).isLessThan(without);
  }

  @Test
  void trainsAfterTheConfiguredBatchesSavesAndReusesTheDictionaryAfterRestart(@TempDir Path dir)
      throws Exception {
    DictionaryStore store = DictionaryStore.open(dir.resolve("dictionaries"));
    StreamDictionary dictionary = StreamDictionary.trained("telemetry", store, 40, 8 * 1024);
    BatchCodec codec = codec(true, Optional.of(dictionary));
    for (int i = 0; i < 40; i++) {
      byte[] value = codec.seal("telemetry", i + 1, 5, 0, imuSamples(8, 0.01 * i, i)).payload();
      assertThat(BatchCodec.dictionaryId(value)).isZero();
    }

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> dictionary.active().isPresent());
    ZstdDictionary trained = dictionary.active().orElseThrow();
    List<Envelope> next = imuSamples(8, 0.3, 99);
    byte[] value = codec.seal("telemetry", 41, 5, 0, next).payload();

    assertThat(BatchCodec.dictionaryId(value)).isEqualTo(trained.id());
    assertThat(dir.resolve("dictionaries").resolve(trained.id() + ".zdict")).exists();
    DictionaryStore reopened = DictionaryStore.open(dir.resolve("dictionaries"));
    assertThat(StreamDictionary.trained("telemetry", reopened, 40, 8 * 1024).active())
        .contains(trained);
    assertThat(BatchCodec.decode(value, reopened).getRecords(7).getPayload().toByteArray())
        .isEqualTo(next.get(7).payload());
  }

  @Test
  void storeSavesFindsAndActivatesAcrossReopen(@TempDir Path dir) {
    DictionaryStore store = DictionaryStore.open(dir);
    store.save(DICTIONARY);
    store.activate("perception", DICTIONARY.id());

    DictionaryStore reopened = DictionaryStore.open(dir);

    assertThat(reopened.find(DICTIONARY.id())).contains(DICTIONARY);
    assertThat(reopened.active("perception")).contains(DICTIONARY);
    assertThat(reopened.active("telemetry")).isEmpty();
    assertThat(reopened.find(12345)).isEmpty();
  }

  @Test
  void rawBytesAreNotADictionary() throws Exception {
    assertThatThrownBy(() -> ZstdDictionary.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dictionary");
    Path tmp = Files.createTempFile("eg", ".zdict");
    try {
      Files.write(tmp, DICTIONARY.bytes());
      assertThat(ZstdDictionary.of(Files.readAllBytes(tmp)).id()).isEqualTo(DICTIONARY.id());
    } finally {
      Files.delete(tmp);
    }
  }

  @Provide
  Arbitrary<List<Envelope>> mixedEnvelopes() {
    Arbitrary<Envelope> fixed =
        Arbitraries.integers()
            .between(0, 2)
            .flatMap(
                t ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofSize(3 + 17 * t)
                        .map(p -> new Envelope("/fixed" + t, "pkg/msg/T", 11, 22, 1, p)));
    Arbitrary<Envelope> variable =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(0)
            .ofMaxSize(50)
            .map(p -> new Envelope("/variable", "pkg/msg/T", 11, 22, 1, p));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, fixed), net.jqwik.api.Tuple.of(1, variable))
        .list();
  }

  private static BatchCodec codec(boolean columnar, Optional<StreamDictionary> dictionary) {
    return new BatchCodec(
        "hx-0042",
        "i-1",
        LINEAGE,
        3,
        type -> "",
        stream -> new StreamEncoding(columnar, dictionary));
  }

  private static Optional<StreamDictionary> fixed(ZstdDictionary dictionary) {
    return Optional.of(StreamDictionary.fixed(dictionary));
  }

  private static Optional<ZstdDictionary> lookup(long id, ZstdDictionary known) {
    return id == known.id() ? Optional.of(known) : Optional.empty();
  }

  /** IMU-like samples: encapsulation header, 20 float64 fields on sine waves. */
  private static List<Envelope> imuSamples(int n, double frequency, long firstSeq) {
    List<Envelope> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ByteBuffer cdr = ByteBuffer.allocate(4 + 8 * 20).order(ByteOrder.LITTLE_ENDIAN);
      cdr.put(new byte[] {0, 1, 0, 0});
      for (int f = 0; f < 20; f++) {
        cdr.putDouble(f * Math.sin(frequency * (firstSeq + r) + f));
      }
      long stamp = 1_700_000_000_000_000_000L + (firstSeq + r) * 1_000_000L;
      out.add(
          new Envelope(
              "/imu", "sensor_msgs/msg/Imu", stamp, stamp + 50_000, firstSeq + r + 1, cdr.array()));
    }
    return out;
  }

  private static ZstdDictionary trainDictionary() {
    BatchCodec columnar = new BatchCodec("hx-0042", "i-1", LINEAGE, 3, true);
    ZstdDictTrainer trainer = new ZstdDictTrainer(4 << 20, 16 * 1024);
    for (int i = 0; i < 200; i++) {
      byte[] value =
          columnar.seal("telemetry", i + 1, 5, 0, imuSamples(10, 0.02 * i, 10L * i)).payload();
      trainer.addSample(Zstd.decompress(value, (int) Zstd.getFrameContentSize(value)));
    }
    return ZstdDictionary.of(trainer.trainSamples());
  }
}
