package io.edgegateway.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyCapTest {
  private static final long NOON = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();
  private static final long MIDNIGHT = Instant.parse("2026-12-08T00:00:00Z").toEpochMilli();

  @Test
  void admitsWhatFitsTheRestOfTheDay() {
    DailyCap cap = DailyCap.starting(10_000, NOON);
    cap.take(9_000, NOON);
    assertThat(cap.remaining(NOON)).isEqualTo(1_000);
    assertThat(cap.admits(1_000, NOON)).isTrue();
    assertThat(cap.admits(1_001, NOON)).isFalse();
  }

  @Test
  void startsAgainAtMidnightUtc() {
    DailyCap cap = DailyCap.starting(10_000, NOON);
    cap.take(10_000, NOON);
    assertThat(cap.admits(1, MIDNIGHT - 1)).isFalse();
    assertThat(cap.resetsAtMillis(NOON)).isEqualTo(MIDNIGHT);
    assertThat(cap.admits(1, MIDNIGHT)).isTrue();
    assertThat(cap.used(MIDNIGHT)).isZero();
    assertThat(cap.resetsAtMillis(MIDNIGHT)).isEqualTo(MIDNIGHT + DailyCap.DAY_MILLIS);
  }

  @Test
  void aSendLargerThanTheCap_goesOnlyAsTheFirstOfADay() {
    DailyCap cap = DailyCap.starting(10_000, NOON);
    assertThat(cap.admits(20_000, NOON)).isTrue();
    cap.take(1, NOON);
    assertThat(cap.admits(20_000, NOON)).isFalse();
  }

  @Test
  void withoutACap_countsTheDayAndAdmitsEverything() {
    DailyCap cap = DailyCap.starting(Long.MAX_VALUE, NOON);
    cap.take(1L << 40, NOON);
    assertThat(cap.capped()).isFalse();
    assertThat(cap.admits(1L << 40, NOON)).isTrue();
    assertThat(cap.used(NOON)).isEqualTo(1L << 40);
  }

  @Test
  void anotherCap_keepsTheDaysUse() {
    DailyCap cap = DailyCap.starting(10_000, NOON);
    cap.take(8_000, NOON);
    DailyCap lower = cap.withCap(5_000, NOON);
    assertThat(lower.used(NOON)).isEqualTo(8_000);
    assertThat(lower.remaining(NOON)).isZero();
  }
}
