package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.proto.PayloadEncoding;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ColumnarBatchCodecTest {
  private static final BatchLineage LINEAGE =
      new BatchLineage("1.8.2", "policy", "run-7", Map.of("site", "plant-3"));
  private final BatchCodec columnar = new BatchCodec("hx-0042", "i-1", LINEAGE, 3, true);
  private final BatchCodec plain = new BatchCodec("hx-0042", "i-1", LINEAGE, 3, false);

  @Property(tries = 300)
  void deltaShuffleRestoresAnyRowsBitForBit(
      @ForAll @IntRange(min = 0, max = 70) int size,
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<byte[]> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      byte[] row = new byte[size];
      random.nextBytes(row);
      rows.add(row);
    }

    byte[][] restored = DeltaShuffle.decode(DeltaShuffle.encode(rows, size), n, size);

    assertThat(restored).isDeepEqualTo(rows.toArray(new byte[0][]));
  }

  @Property(tries = 200)
  void columnarDecodeEqualsPlainDecodeForRandomBatches(
      @ForAll("mixedEnvelopes") @Size(min = 1, max = 60) List<Envelope> envelopes)
      throws Exception {
    TelemetryBatch fromColumnar =
        BatchCodec.decode(columnar.seal("telemetry", 3, 5, 42L, envelopes).payload());
    TelemetryBatch fromPlain =
        BatchCodec.decode(plain.seal("telemetry", 3, 5, 42L, envelopes).payload());

    assertThat(fromColumnar).isEqualTo(fromPlain);
    for (int i = 0; i < envelopes.size(); i++) {
      assertThat(fromColumnar.getRecords(i).getPayload().toByteArray())
          .isEqualTo(envelopes.get(i).payload());
    }
  }

  @Property(tries = 100)
  void smoothFloat64SamplesRoundTripExactly(
      @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 40) int fields,
      @ForAll double frequency)
      throws Exception {
    List<Envelope> envelopes = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ByteBuffer cdr = ByteBuffer.allocate(4 + 8 * fields).order(ByteOrder.LITTLE_ENDIAN);
      cdr.put(new byte[] {0, 1, 0, 0});
      for (int f = 0; f < fields; f++) {
        cdr.putDouble(f * Math.sin(frequency * r + f));
      }
      envelopes.add(new Envelope("/imu", "sensor_msgs/msg/Imu", r, r, r + 1, cdr.array()));
    }

    TelemetryBatch decoded =
        BatchCodec.decode(columnar.seal("telemetry", 1, 5, 0, envelopes).payload());

    for (int i = 0; i < n; i++) {
      assertThat(decoded.getRecords(i).getPayload().toByteArray())
          .isEqualTo(envelopes.get(i).payload());
    }
  }

  @Test
  void fixedSizeTopicsTravelAsColumnsAndOthersAsPayloads() throws Exception {
    List<Envelope> envelopes =
        List.of(
            envelope("/imu", new byte[] {1, 2, 3, 4, 5}),
            envelope("/diag", new byte[] {9}),
            envelope("/imu", new byte[] {1, 2, 3, 4, 6}),
            envelope("/diag", new byte[] {9, 9}),
            envelope("/once", new byte[] {7}));

    byte[] value = columnar.seal("telemetry", 1, 5, 0, envelopes).payload();
    TelemetryBatch wire =
        TelemetryBatch.parseFrom(Zstd.decompress(value, (int) Zstd.getFrameContentSize(value)));

    assertThat(wire.getTopicsList())
        .extracting(TopicEntry::getName, TopicEntry::getEncoding, TopicEntry::getPayloadSize)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/imu", PayloadEncoding.PAYLOAD_ENCODING_DELTA_SHUFFLE, 5),
            org.assertj.core.groups.Tuple.tuple("/diag", PayloadEncoding.PAYLOAD_ENCODING_RAW, 0),
            org.assertj.core.groups.Tuple.tuple("/once", PayloadEncoding.PAYLOAD_ENCODING_RAW, 0));
    assertThat(wire.getRecords(0).getPayload().isEmpty()).isTrue();
    assertThat(wire.getRecords(1).getPayload().toByteArray()).containsExactly(9);
    TelemetryBatch decoded = BatchCodec.decode(value);
    assertThat(decoded.getTopics(0).getEncoding()).isEqualTo(PayloadEncoding.PAYLOAD_ENCODING_RAW);
    assertThat(decoded.getTopics(0).getColumns().isEmpty()).isTrue();
    assertThat(decoded.getRecords(2).getPayload().toByteArray()).containsExactly(1, 2, 3, 4, 6);
  }

  @Test
  void columnsNotMatchingTheirRecordsAreRejected() throws Exception {
    byte[] value =
        columnar
            .seal(
                "telemetry",
                1,
                5,
                0,
                List.of(envelope("/imu", new byte[] {1, 2}), envelope("/imu", new byte[] {3, 4})))
            .payload();
    TelemetryBatch wire =
        TelemetryBatch.parseFrom(Zstd.decompress(value, (int) Zstd.getFrameContentSize(value)));
    TelemetryBatch truncated =
        wire.toBuilder().setTopics(0, wire.getTopics(0).toBuilder().setPayloadSize(3)).build();

    assertThatThrownBy(() -> BatchCodec.decode(Zstd.compress(truncated.toByteArray())))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("/imu");
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
                        .map(p -> envelope("/fixed" + t, p)));
    Arbitrary<Envelope> variable =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(0)
            .ofMaxSize(50)
            .map(p -> envelope("/variable", p));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, fixed), net.jqwik.api.Tuple.of(1, variable))
        .list();
  }

  private static Envelope envelope(String topic, byte[] payload) {
    return new Envelope(topic, "pkg/msg/T", 11, 22, 1, payload);
  }
}
