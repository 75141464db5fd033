package io.edgegateway.core.budget;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The budget's use, as {@code /v1/status} shows it under {@code uplink.budget}.
 *
 * @param limited false when there is no budget (unlimited): the limits are then 0 / empty
 * @param maxBytesPerSecond the rate limit
 * @param burstBytes the token bucket's size
 * @param availableBytes bytes that may go now (the bucket's content, capped by the day's rest)
 * @param rateBytesPerSecond what was sent, mean over the last 10 s
 * @param sentBytes bytes sent under the budget since start
 * @param dailyCapBytes the daily cap; empty for none
 * @param dailyUsedBytes bytes sent today (UTC), counted with or without a cap
 * @param dailyResetsAtMillis wall ms of the next 00:00 UTC
 * @param waiting what waits, per class (all three present)
 */
public record BudgetStatus(
    boolean limited,
    long maxBytesPerSecond,
    long burstBytes,
    long availableBytes,
    double rateBytesPerSecond,
    long sentBytes,
    OptionalLong dailyCapBytes,
    long dailyUsedBytes,
    long dailyResetsAtMillis,
    Map<UplinkClass, ClassWaiting> waiting) {
  public BudgetStatus {
    waiting = Map.copyOf(waiting);
  }

  /** No budget and nothing known about what waits. */
  public static BudgetStatus unlimited() {
    Map<UplinkClass, ClassWaiting> none = new EnumMap<>(UplinkClass.class);
    for (UplinkClass c : UplinkClass.values()) {
      none.put(c, ClassWaiting.NONE);
    }
    return new BudgetStatus(false, 0, 0, 0, 0, 0, OptionalLong.empty(), 0, 0, none);
  }
}
