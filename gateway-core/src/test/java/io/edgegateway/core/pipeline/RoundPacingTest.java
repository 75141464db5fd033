package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.port.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoundPacingTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Clock clock =
      new Clock() {
        @Override
        public long monotonicNanos() {
          return now.get();
        }

        @Override
        public long wallNanos() {
          return now.get();
        }
      };

  @Test
  void aSmallRoundIsFollowedByTheRestOfTheIntervalSinceItStarted() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));
    long start = now.get();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(40)); // the round took 40 ms

    pacing.delivered(start, 100_000);

    assertThat(pacing.waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(210));
    assertThat(pacing.waitNanos()).isZero(); // once per round: a stuck clock cannot hold the sender
  }

  @Test
  void aBacklogRoundIsFollowedByTheNextAtOnce() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));

    pacing.delivered(now.get(), RoundPacing.SMALL_ROUND_BYTES);

    assertThat(pacing.waitNanos()).isZero();
  }

  @Test
  void aRoundSlowerThanTheIntervalWaitsForNothing() {
    RoundPacing pacing = new RoundPacing(clock, Duration.ofMillis(250));
    long start = now.get();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));

    pacing.delivered(start, 10);

    assertThat(pacing.waitNanos()).isZero();
  }

  @Test
  void aZeroIntervalNeverWaitsAndANegativeOneIsRefused() {
    RoundPacing none = new RoundPacing(clock, Duration.ZERO);
    none.delivered(now.get(), 10);

    assertThat(none.waitNanos()).isZero();
    assertThatThrownBy(() -> new RoundPacing(clock, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
