package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
  private final BatchCodec codec =
      new BatchCodec(
          "hx-0042",
          "instance-1",
          new BatchLineage("1.8.2", "policy-2026.11", "run-7", Map.of("site", "plant-3")),
          3);

  @Test
  void topicTableCarriesTheDefinitionOfEachTypeOncePerTopic() throws Exception {
    BatchCodec withDefinitions =
        new BatchCodec(
            "r1",
            "i1",
            BatchLineage.empty(),
            1,
            type -> type.equals("std_msgs/msg/String") ? "string data\n" : "");
    List<Envelope> envelopes =
        List.of(
            new Envelope("/a", "std_msgs/msg/String", 0, 1, 1, new byte[] {0, 1, 0, 0}),
            new Envelope("/a", "std_msgs/msg/String", 0, 2, 2, new byte[] {0, 1, 0, 0}),
            new Envelope("/b", "x_msgs/msg/Unknown", 0, 3, 1, new byte[] {0, 1, 0, 0}));

    TelemetryBatch batch =
        BatchCodec.decode(withDefinitions.seal("s", 1, 5, 1L, envelopes).payload());

    assertThat(batch.getTopicsList()).hasSize(2);
    assertThat(batch.getTopics(0).getDefinition()).isEqualTo("string data\n");
    assertThat(batch.getTopics(1).getDefinition()).isEmpty();
    assertThat(
            BatchCodec.decode(codec.seal("s", 1, 5, 1L, envelopes).payload())
                .getTopics(0)
                .getDefinition())
        .isEmpty();
  }

  @Test
  void aTypeSharedByManyTopicsCarriesItsDefinitionOncePerBatchAndDecodesIntoEveryEntry()
      throws Exception {
    String imu = "std_msgs/Header header\nfloat64 x\n" + "#".repeat(2000) + "\n";
    BatchCodec withDefinitions =
        new BatchCodec(
            "r1",
            "i1",
            BatchLineage.empty(),
            1,
            type -> type.equals("sensor_msgs/msg/Imu") ? imu : "");
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      envelopes.add(
          new Envelope("/imu/" + i, "sensor_msgs/msg/Imu", 0, i, 1, new byte[] {0, 1, 0, 0}));
    }
    envelopes.add(new Envelope("/b", "x_msgs/msg/Unknown", 0, 99, 1, new byte[] {0, 1, 0, 0}));
    byte[] value = withDefinitions.seal("s", 1, 5, 1L, envelopes).payload();

    TelemetryBatch onTheWire = TelemetryBatch.parseFrom(Zstd.decompress(value, 1 << 20));
    assertThat(onTheWire.getTopicsList())
        .filteredOn(t -> !t.getDefinition().isEmpty())
        .hasSize(1)
        .allSatisfy(t -> assertThat(t.getName()).isEqualTo("/imu/0"));
    assertThat(onTheWire.getSerializedSize()).isLessThan(3 * imu.length()); // not 50 copies

    TelemetryBatch decoded = BatchCodec.decode(value);
    assertThat(decoded.getTopicsList()).hasSize(51);
    assertThat(decoded.getTopicsList().subList(0, 50))
        .allSatisfy(t -> assertThat(t.getDefinition()).isEqualTo(imu));
    assertThat(decoded.getTopics(50).getDefinition()).isEmpty();
    assertThat(decoded.getRecordsList()).hasSize(51);
  }

  @Property(tries = 200)
  void sealThenDecodeReturnsEveryRecordByteForByte(
      @ForAll("envelopes") @Size(min = 1, max = 40) List<Envelope> envelopes) throws Exception {
    SealedBatch sealed = codec.seal("telemetry", 7, 5, 1_700_000_000_000_000_000L, envelopes);

    TelemetryBatch batch = BatchCodec.decode(sealed.payload());

    assertThat(batch.getRobotId()).isEqualTo("hx-0042");
    assertThat(batch.getStream()).isEqualTo("telemetry");
    assertThat(batch.getBatchSeq()).isEqualTo(7);
    assertThat(batch.getLineage().getLabelsMap()).containsEntry("site", "plant-3");
    assertThat(batch.getRecordsCount()).isEqualTo(envelopes.size());
    assertThat(sealed.records()).isEqualTo(envelopes.size());
    for (int i = 0; i < envelopes.size(); i++) {
      Envelope e = envelopes.get(i);
      Record r = batch.getRecords(i);
      var topic = batch.getTopicsList().get(r.getTopicId() - 1);
      assertThat(topic.getId()).isEqualTo(r.getTopicId());
      assertThat(topic.getName()).isEqualTo(e.topic());
      assertThat(topic.getType()).isEqualTo(e.type());
      assertThat(r.getSeq()).isEqualTo(e.seq());
      assertThat(r.getSourceStampNs()).isEqualTo(e.sourceStampNs());
      assertThat(r.getReceiveStampNs()).isEqualTo(e.receiveStampNs());
      assertThat(r.getPayload().toByteArray()).isEqualTo(e.payload());
    }
    long min = envelopes.stream().mapToLong(Envelope::receiveStampNs).min().orElseThrow();
    long max = envelopes.stream().mapToLong(Envelope::receiveStampNs).max().orElseThrow();
    assertThat(sealed.firstStampNs()).isEqualTo(min);
    assertThat(sealed.lastStampNs()).isEqualTo(max);
  }

  @Provide
  Arbitrary<List<Envelope>> envelopes() {
    Arbitrary<String> topics = Arbitraries.of("/joint_states", "/imu/torso", "/ft/left_wrist");
    Arbitrary<Envelope> one =
        Combinators.combine(
                topics,
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 2),
                Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048))
            .as(
                (t, src, recv, seq, payload) ->
                    new Envelope(t, "pkg/msg/T", src, recv, seq, payload));
    return one.list();
  }

  @Test
  void decodeRejectsBytesThatAreNotAZstdFrame() {
    assertThatThrownBy(() -> BatchCodec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOf(BatchFormatException.class);
  }

  @Test
  void decodeRejectsAZstdFrameThatIsNotABatch() {
    byte[] garbage = Zstd.compress(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
    assertThatThrownBy(() -> BatchCodec.decode(garbage))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("TelemetryBatch");
  }

  @Property(tries = 300)
  void decodeOfMutatedBatchEitherSucceedsOrThrowsTypedError(
      @ForAll("envelopes") @Size(min = 1, max = 5) List<Envelope> envelopes,
      @ForAll int position,
      @ForAll byte value) {
    byte[] bytes = codec.seal("s", 1, 0, 1, envelopes).payload().clone();
    bytes[Math.floorMod(position, bytes.length)] = value;
    try {
      BatchCodec.decode(bytes);
    } catch (BatchFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void sealRejectsEmptyBatch() {
    assertThatThrownBy(() -> codec.seal("s", 1, 0, 1, new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envelopes");
  }
}
