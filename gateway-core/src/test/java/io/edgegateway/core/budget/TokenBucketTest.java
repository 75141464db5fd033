package io.edgegateway.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void startsFull_andAdmitsUpToItsCapacity() {
    TokenBucket b = TokenBucket.full(1000, 4000, 0);
    assertThat(b.available(0)).isEqualTo(4000);
    assertThat(b.admits(4000, 0)).isTrue();
    b.take(4000, 0);
    assertThat(b.admits(1, 0)).isFalse();
    assertThat(b.available(0)).isZero();
  }

  @Test
  void refillsAtItsRate_neverPastCapacity() {
    TokenBucket b = TokenBucket.full(1000, 4000, 0);
    b.take(4000, 0);
    assertThat(b.available(SECOND / 2)).isEqualTo(500);
    assertThat(b.available(3 * SECOND)).isEqualTo(3000);
    assertThat(b.available(100 * SECOND)).isEqualTo(4000);
  }

  @Test
  void nanosUntil_isTheTimeTheMissingBytesTakeAtTheRate() {
    TokenBucket b = TokenBucket.full(1000, 4000, 0);
    b.take(4000, 0);
    assertThat(b.nanosUntil(2500, 0)).isEqualTo(2_500_000_000L);
    assertThat(b.admits(2500, 2_500_000_000L)).isTrue();
    assertThat(b.nanosUntil(100, 2_500_000_000L)).isZero();
  }

  @Test
  void aSendLargerThanTheBucket_goesWhenFull_andTheDebtIsPaidBeforeTheNext() {
    TokenBucket b = TokenBucket.full(1000, 4000, 0);
    assertThat(b.admits(10_000, 0)).isTrue();
    b.take(10_000, 0);
    assertThat(b.tokens(0)).isEqualTo(-6000);
    // 6 s to pay the debt, 1 s more for 1000 bytes
    assertThat(b.nanosUntil(1000, 0)).isEqualTo(7 * SECOND);
    assertThat(b.admits(1000, 7 * SECOND - 1)).isFalse();
    assertThat(b.admits(1000, 7 * SECOND)).isTrue();
  }

  @Test
  void overAnyWindow_whatIsAdmittedIsAtMostBurstPlusRateTimesWindow() {
    long rate = 10_000;
    long burst = 25_000;
    TokenBucket b = TokenBucket.full(rate, burst, 0);
    long sent = 0;
    long now = 0;
    long step = SECOND / 100;
    for (int i = 0; i < 6000; i++) { // 60 s, a 3 KB batch offered every 10 ms (3x the rate)
      if (b.admits(3000, now)) {
        b.take(3000, now);
        sent += 3000;
      }
      now += step;
    }
    double seconds = now / (double) SECOND;
    assertThat((double) sent).isLessThanOrEqualTo(burst + rate * seconds);
    assertThat((double) sent).isGreaterThanOrEqualTo(rate * seconds - 3000);
  }
}
