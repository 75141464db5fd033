package io.edgegateway.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.BudgetSettings;
import io.edgegateway.core.port.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UplinkBudgetTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T23:59:00Z"));

  private static Optional<BudgetSettings> budget(long rate, long batch) {
    return Optional.of(BudgetSettings.of(rate, batch));
  }

  @Test
  void unlimited_admitsEverything_andCountsTheDayOnly() {
    UplinkBudget b = UplinkBudget.unlimited(clock);
    assertThat(b.limited()).isFalse();
    assertThat(b.allowance()).isEqualTo(Long.MAX_VALUE);
    assertThat(b.admits(1L << 40)).isTrue();
    b.sent(5000);
    assertThat(b.sentBytes()).isZero();
    assertThat(b.dailyUsedBytes()).isEqualTo(5000);
    assertThat(b.status(emptyQueue()).limited()).isFalse();
  }

  @Test
  void limited_admitsTheBurst_thenTheRate() {
    UplinkBudget b = UplinkBudget.of(budget(10_000, 4096), clock);
    assertThat(b.allowance()).isEqualTo(10_000);
    b.sent(10_000);
    assertThat(b.admits(1)).isFalse();
    assertThat(b.nanosUntil(5000)).isEqualTo(500_000_000L);
    clock.advance(Duration.ofMillis(500));
    assertThat(b.admits(5000)).isTrue();
    assertThat(b.sentBytes()).isEqualTo(10_000);
  }

  @Test
  void dailyCapReached_everythingWaitsUntilMidnightUtc() {
    UplinkBudget b = UplinkBudget.of(budget(10_000, 4096).map(s -> s.withDailyBytes(8192)), clock);
    b.sent(8192);
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.allowance()).isZero();
    assertThat(b.admits(1)).isFalse();
    assertThat(b.nanosUntil(1)).isEqualTo(Duration.ofSeconds(50).toNanos());
    clock.advance(Duration.ofSeconds(50));
    assertThat(b.admits(4096)).isTrue();
    assertThat(b.dailyUsedBytes()).isZero();
  }

  @Test
  void update_keepsTheBucketsContentAndTheDaysUse_removingItIsUnlimited() {
    UplinkBudget b = UplinkBudget.of(budget(10_000, 4096), clock);
    long generation = b.generation();
    b.sent(9_000);
    b.update(budget(2_000, 4096));
    assertThat(b.generation()).isNotEqualTo(generation);
    assertThat(b.allowance()).isEqualTo(1_000);
    assertThat(b.dailyUsedBytes()).isEqualTo(9_000);
    b.update(Optional.empty());
    assertThat(b.limited()).isFalse();
    assertThat(b.admits(1L << 30)).isTrue();
    b.update(budget(2_000, 4096));
    assertThat(b.allowance()).isEqualTo(4096); // a budget added afresh starts full
  }

  @Test
  void status_reportsWhatWaitsPerClass() {
    UplinkBudget b = UplinkBudget.of(budget(10_000, 4096), clock);
    long now = clock.wallMillis();
    QueueStats stats =
        new QueueStats(
            4,
            4000,
            now - 600_000,
            Map.of(
                "incidents", new QueueStats.StreamStats(1, 1000, now - 5_000, 1),
                "telemetry", new QueueStats.StreamStats(2, 2000, now - 600_000, 9),
                "perception", new QueueStats.StreamStats(1, 1000, now - 2_000, 4),
                "diagnostics", new QueueStats.StreamStats(0, 0, 0, 3)),
            Map.of());
    b.sent(3000);
    BudgetStatus s = b.status(stats);
    assertThat(s.limited()).isTrue();
    assertThat(s.maxBytesPerSecond()).isEqualTo(10_000);
    assertThat(s.burstBytes()).isEqualTo(10_000);
    assertThat(s.availableBytes()).isEqualTo(7_000);
    assertThat(s.rateBytesPerSecond()).isEqualTo(300.0);
    assertThat(s.dailyUsedBytes()).isEqualTo(3000);
    assertThat(s.dailyResetsAtMillis())
        .isEqualTo(Instant.parse("2026-12-08T00:00:00Z").toEpochMilli());
    assertThat(s.waiting().get(UplinkClass.INCIDENTS)).isEqualTo(new ClassWaiting(1, 1000, 5.0));
    assertThat(s.waiting().get(UplinkClass.LIVE)).isEqualTo(new ClassWaiting(1, 1000, 2.0));
    assertThat(s.waiting().get(UplinkClass.BACKLOG)).isEqualTo(new ClassWaiting(2, 2000, 600.0));
  }

  private static QueueStats emptyQueue() {
    return new QueueStats(0, 0, 0, Map.of(), Map.of());
  }
}
