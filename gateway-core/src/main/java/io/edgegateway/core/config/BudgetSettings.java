package io.edgegateway.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code uplink.budget} section: how many bytes the uplink may send, by rate and per UTC day.
 *
 * @param maxBytesPerSecond long-run rate of queued payload bytes, 1 KiB .. 10 GiB per second
 * @param dailyBytes cap per UTC day; empty for none
 * @param burstBytes size of the token bucket: what may go at once after the link was idle
 * @param backlogAfter a stream whose oldest waiting batch is older than this is backlog
 */
public record BudgetSettings(
    long maxBytesPerSecond, OptionalLong dailyBytes, long burstBytes, Duration backlogAfter) {
  public BudgetSettings {
    BudgetSchema.MAX_BYTES_PER_S.check(maxBytesPerSecond);
    Objects.requireNonNull(dailyBytes, "dailyBytes");
    dailyBytes.ifPresent(BudgetSchema.DAILY_BYTES::check);
    BudgetSchema.BURST.check(burstBytes);
    Objects.requireNonNull(backlogAfter, "backlogAfter");
    BudgetSchema.BACKLOG_AFTER.check(backlogAfter);
  }

  /**
   * A budget of {@code maxBytesPerSecond} with the default burst for batches of up to {@code
   * maxBatchBytes}, no daily cap and the default backlog age.
   */
  public static BudgetSettings of(long maxBytesPerSecond, long maxBatchBytes) {
    return new BudgetSettings(
        maxBytesPerSecond,
        OptionalLong.empty(),
        defaultBurst(maxBytesPerSecond, maxBatchBytes),
        defaultBacklogAfter());
  }

  /** This budget with a daily cap. */
  public BudgetSettings withDailyBytes(long daily) {
    return new BudgetSettings(maxBytesPerSecond, OptionalLong.of(daily), burstBytes, backlogAfter);
  }

  /** This budget with {@code backlogAfter}. */
  public BudgetSettings withBacklogAfter(Duration after) {
    return new BudgetSettings(maxBytesPerSecond, dailyBytes, burstBytes, after);
  }

  /** {@code backlog_after} when absent. */
  public static Duration defaultBacklogAfter() {
    return BudgetSchema.BACKLOG_AFTER.defaultOrThrow();
  }

  /** The burst when {@code burst} is absent: the larger of the rate and the batch size. */
  static long defaultBurst(long maxBytesPerSecond, long maxBatchBytes) {
    return Math.max(maxBytesPerSecond, maxBatchBytes);
  }
}
