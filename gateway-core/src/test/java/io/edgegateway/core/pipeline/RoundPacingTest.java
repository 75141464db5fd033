package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.budget.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoundPacingTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-08T00:00:00Z"));

  @Test
  void aSmallRoundIsFollowedByTheRestOfTheIntervalSinceItStarted() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));
    long start = clock.monotonicNanos();
    clock.advance(Duration.ofMillis(40)); // the round took 40 ms

    pacing.delivered(start, 100_000);

    assertThat(pacing.waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(210));
    assertThat(pacing.waitNanos()).isZero(); // once per round: a stuck clock cannot hold the sender
  }

  @Test
  void aBacklogRoundIsFollowedByTheNextAtOnce() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));

    pacing.delivered(clock.monotonicNanos(), RoundPacing.SMALL_ROUND_BYTES);

    assertThat(pacing.waitNanos()).isZero();
  }

  @Test
  void aRoundSlowerThanTheIntervalWaitsForNothing() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));
    long start = clock.monotonicNanos();
    clock.advance(Duration.ofMillis(300));

    pacing.delivered(start, 10);

    assertThat(pacing.waitNanos()).isZero();
  }

  @Test
  void aZeroIntervalNeverWaitsAndANegativeOneIsRefused() {
    RoundPacing none = new RoundPacing(clock, Duration.ZERO);
    none.delivered(clock.monotonicNanos(), 10);

    assertThat(none.waitNanos()).isZero();
    assertThatThrownBy(() -> new RoundPacing(clock, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
