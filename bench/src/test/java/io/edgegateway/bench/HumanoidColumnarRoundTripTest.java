package io.edgegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The columnar codec restores humanoid-1 samples bit for bit, whatever the batch boundaries. */
class HumanoidColumnarRoundTripTest {
  private static final List<Envelope> LOAD =
      HumanoidLoad.generate(0.3, EnumSet.allOf(TrafficClass.class));
  private final BatchCodec codec = new BatchCodec("robot-1", "i-1", BatchLineage.empty(), 3, true);

  @Property(tries = 40)
  void anySliceOfHumanoidSamplesRoundTripsBitExact(
      @ForAll @IntRange(min = 0, max = 1_500) int from,
      @ForAll @IntRange(min = 1, max = 900) int length)
      throws Exception {
    List<Envelope> slice = LOAD.subList(from, Math.min(LOAD.size(), from + length));

    TelemetryBatch decoded = BatchCodec.decode(codec.seal("s", 1, 5, 0, slice).payload());

    assertThat(decoded.getRecordsCount()).isEqualTo(slice.size());
    for (int i = 0; i < slice.size(); i++) {
      assertThat(decoded.getRecords(i).getPayload().toByteArray())
          .isEqualTo(slice.get(i).payload());
      assertThat(decoded.getRecords(i).getSeq()).isEqualTo(slice.get(i).seq());
    }
  }
}
