package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundSizeTest {
  private static final long MIB = 1L << 20;

  private static List<StoredBatch> round(int batches, int bytesEach) {
    List<StoredBatch> out = new ArrayList<>();
    for (int i = 1; i <= batches; i++) {
      out.add(new StoredBatch(i, new SealedBatch("s", i, 5, 0, 1, 0, 0, 1, new byte[bytesEach])));
    }
    return out;
  }

  @Test
  void delivered_atAFastRate_growsTheNextRoundToTheTargetDuration_cappedAtMax() {
    RoundSize size = new RoundSize(MIB, MIB, 32 * MIB, 500_000_000L);
    size.delivered(round(10, 100_000), 10_000_000L); // 1 MB in 10 ms: 100 MB/s
    assertThat(size.bytes()).isEqualTo(32 * MIB);
  }

  @Test
  void delivered_onASlowLink_keepsTheRoundAtAboutTheTargetDuration() {
    RoundSize size = new RoundSize(MIB, 8 * MIB, 32 * MIB, 500_000_000L);
    size.delivered(round(80, 100_000), 2_000_000_000L); // 8 MB in 2 s: 4 MB/s
    assertThat(size.bytes()).isEqualTo(2_000_000L);
  }

  @Test
  void delivered_slowerThanTheMinimum_neverGoesBelowMin() {
    RoundSize size = new RoundSize(MIB, MIB, 32 * MIB, 500_000_000L);
    size.delivered(round(1, 1_000), 1_000_000_000L);
    assertThat(size.bytes()).isEqualTo(MIB);
  }

  @Test
  void failed_fallsBackToTheSmallestRound() {
    RoundSize size = new RoundSize(MIB, 32 * MIB, 32 * MIB, 500_000_000L);
    size.failed();
    assertThat(size.bytes()).isEqualTo(MIB);
  }

  @Test
  void fixed_neverChanges() {
    RoundSize size = RoundSize.fixed(32 * MIB);
    size.delivered(round(1, 10), 1_000_000_000L);
    size.failed();
    assertThat(size.bytes()).isEqualTo(32 * MIB);
  }
}
