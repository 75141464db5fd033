package io.edgegateway.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WallClockJumpsTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private final SteppingClock clock = new SteppingClock(1_765_000_000L * SECOND);
  private final WallClockJumps jumps =
      new WallClockJumps(clock, WallClockJumps.DEFAULT_THRESHOLD_NANOS);

  @Test
  void clocksAdvancingTogether_areNoJump() {
    for (int i = 0; i < 10; i++) {
      clock.advance(SECOND);
      assertThat(jumps.check()).isZero();
    }
  }

  @Test
  void aWallClockSetBackwards_isANegativeJumpOfItsSize() {
    clock.advance(SECOND);
    assertThat(jumps.check()).isZero();
    clock.advance(SECOND);
    clock.step(-3 * SECOND);

    assertThat(jumps.check()).isEqualTo(-3 * SECOND);
    clock.advance(SECOND);
    assertThat(jumps.check()).as("the next interval starts after the jump").isZero();
  }

  @Test
  void aWallClockSteppedForwards_isAPositiveJump() {
    clock.advance(SECOND);
    clock.step(250 * MS);

    assertThat(jumps.check()).isEqualTo(250 * MS);
  }

  @Test
  void driftWithinOneHundredMilliseconds_isNoJump_beyondIt_isOne() {
    clock.advance(SECOND);
    clock.step(100 * MS);
    assertThat(jumps.check()).as("exactly 100 ms").isZero();
    clock.advance(SECOND);
    clock.step(-99 * MS);
    assertThat(jumps.check()).isZero();
    clock.advance(SECOND);
    clock.step(-101 * MS);
    assertThat(jumps.check()).isEqualTo(-101 * MS);
  }

  @Test
  void aLongPauseBetweenChecks_isNoJumpWhenBothClocksAdvanced() {
    clock.advance(3600 * SECOND); // a suspended process, a stalled thread: both clocks moved

    assertThat(jumps.check()).isZero();
  }

  @Test
  void aThresholdOfZeroOrLess_isRefused() {
    assertThatThrownBy(() -> new WallClockJumps(clock, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("thresholdNanos : 0 (expected: > 0)");
  }
}
