package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.codec.proto.ClockHealth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchClockHealthTest {
  private static final List<Envelope> ONE =
      List.of(new Envelope("/a", "std_msgs/msg/String", 0, 1, 1, new byte[] {0, 1, 0, 0}));

  private final AtomicReference<ClockStatus> clock =
      new AtomicReference<>(new ClockStatus("chronyd", true, 250_000_000, 1_500_000, 0, 0));
  private final BatchCodec codec =
      new BatchCodec(
          "r1",
          "i1",
          BatchLineage.empty(),
          1,
          type -> "",
          stream -> StreamEncoding.PLAIN,
          clock::get);

  private ClockHealth seal(String stream, long seq) throws Exception {
    return BatchCodec.decode(codec.seal(stream, seq, 5, 1L, ONE).payload()).getClockHealth();
  }

  @Test
  void eachBatchCarriesTheClockHealthOfTheMomentItIsSealed() throws Exception {
    ClockHealth first = seal("s", 1);
    assertThat(first.getSource()).isEqualTo("chronyd");
    assertThat(first.getSynchronized()).isTrue();
    assertThat(first.getMaxErrorNs()).isEqualTo(250_000_000);
    assertThat(first.getEstimatedErrorNs()).isEqualTo(1_500_000);
    assertThat(first.getJumps()).isZero();
    assertThat(first.getLastJumpNs()).isZero();

    clock.set(new ClockStatus("none", false, 16_000_000_000L, 16_000_000_000L, 0, 0));
    ClockHealth second = seal("s", 2);
    assertThat(second.getSource()).isEqualTo("none");
    assertThat(second.getSynchronized()).isFalse();
    assertThat(second.getMaxErrorNs()).isEqualTo(16_000_000_000L);
  }

  @Test
  void theBatchSealedAfterAJump_isFlaggedInEveryStream_andTheNextOneIsNot() throws Exception {
    seal("a", 1);
    seal("b", 1);
    clock.set(clock.get().withJump(-3_000_000_000L));

    ClockHealth a = seal("a", 2);
    ClockHealth b = seal("b", 2);
    ClockHealth aAgain = seal("a", 3);

    assertThat(a.getJumps()).isEqualTo(1);
    assertThat(a.getLastJumpNs()).isEqualTo(-3_000_000_000L);
    assertThat(b.getJumps()).isEqualTo(1);
    assertThat(aAgain.getJumps()).isZero();
    assertThat(aAgain.getLastJumpNs()).isZero();
  }

  @Test
  void anUnknownClock_isNotSynchronised_withNoErrorBound() throws Exception {
    BatchCodec plain = new BatchCodec("r1", "i1", BatchLineage.empty(), 1);

    ClockHealth h = BatchCodec.decode(plain.seal("s", 1, 5, 1L, ONE).payload()).getClockHealth();

    assertThat(h.getSource()).isEqualTo("unknown");
    assertThat(h.getSynchronized()).isFalse();
    assertThat(h.getMaxErrorNs()).isZero();
  }
}
