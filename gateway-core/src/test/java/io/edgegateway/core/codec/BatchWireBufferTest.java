package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BatchWireBufferTest {
  @Property(tries = 200)
  void handWrittenRecordsParseAsTheBuilderBuiltBatchOfTheSameSize(
      @ForAll("records") @Size(max = 40) List<Record> records, @ForAll long sealedNs)
      throws Exception {
    TelemetryBatch head =
        TelemetryBatch.newBuilder()
            .setRobotId("r1")
            .setStream("telemetry")
            .setSealedNs(sealedNs)
            .build();
    BatchWireBuffer wire = new BatchWireBuffer();
    wire.start(head);
    for (Record r : records) {
      byte[] payload = r.getPayload().isEmpty() ? null : r.getPayload().toByteArray();
      wire.addRecord(
          r.getTopicId(), r.getSourceStampNs(), r.getReceiveStampNs(), r.getSeq(), payload);
    }
    TelemetryBatch expected = head.toBuilder().addAllRecords(records).build();

    assertThat(wire.length()).isEqualTo(expected.getSerializedSize());
    assertThat(parse(wire.toByteArray())).isEqualTo(expected);
  }

  @Test
  void aReusedBufferStartsEachBatchAfreshAndCompressesToOneFrameOfTheMessage() throws Exception {
    BatchWireBuffer wire = new BatchWireBuffer();
    wire.start(TelemetryBatch.newBuilder().setStream("a").build());
    wire.addRecord(1, 5, 6, 7, new byte[3_000_000]); // grows past the initial buffer
    wire.compress(3);
    wire.start(TelemetryBatch.newBuilder().setStream("b").build());
    wire.addRecord(2, 0, 9, 1, new byte[] {1, 2, 3});

    byte[] frame = wire.compress(3);

    TelemetryBatch batch = parse(Zstd.decompress(frame, (int) Zstd.getFrameContentSize(frame)));
    assertThat(batch.getStream()).isEqualTo("b");
    assertThat(batch.getRecordsList())
        .containsExactly(
            Record.newBuilder()
                .setTopicId(2)
                .setReceiveStampNs(9)
                .setSeq(1)
                .setPayload(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .build());
  }

  @Test
  void aBufferGrownBeyondTheRetainedSizeIsReleasedAfterItsBatch() {
    BatchWireBuffer wire = new BatchWireBuffer();
    wire.start(TelemetryBatch.getDefaultInstance());
    wire.addRecord(1, 1, 1, 1, new byte[BatchWireBuffer.RETAINED_BYTES + 1]);
    wire.compress(1);
    wire.start(TelemetryBatch.getDefaultInstance());
    wire.addRecord(1, 1, 1, 2, new byte[] {4});

    assertThat(wire.length()).isLessThan(16);
  }

  private static TelemetryBatch parse(byte[] bytes) throws Exception {
    return TelemetryBatch.parseFrom(bytes);
  }

  @Provide
  Arbitrary<List<Record>> records() {
    Arbitrary<Record> record =
        Combinators.combine(
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
            .as(
                (topic, source, receive, seq, payload) ->
                    Record.newBuilder()
                        .setTopicId(topic)
                        .setSourceStampNs(source)
                        .setReceiveStampNs(receive)
                        .setSeq(seq)
                        .setPayload(ByteString.copyFrom(payload))
                        .build());
    return record.list();
  }
}
