package io.edgegateway.core.metrics;

import io.edgegateway.core.budget.BudgetStatus;
import io.edgegateway.core.budget.ClassWaiting;
import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.budget.UplinkClass;
import io.edgegateway.core.port.QueueStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The meters of the uplink's bandwidth budget: {@code gateway_uplink_budget_bytes_total} (sent
 * under a budget), {@code gateway_uplink_budget_limit_bytes_per_second} (0: unlimited), {@code
 * gateway_uplink_budget_daily_used_bytes}, and per {@link UplinkClass} ({@code class}: incidents,
 * live, backlog) {@code gateway_uplink_budget_waiting_bytes} and {@code
 * gateway_uplink_budget_oldest_waiting_seconds}. Exported with or without a budget, so one enabled
 * by a reload needs no new series.
 */
public final class BudgetMetrics {
  private final MeterRegistry registry;

  public BudgetMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the meters, read from {@code budget} and the queue snapshot {@code stats} (cheap; on
   * every scrape).
   */
  public void bind(UplinkBudget budget, Supplier<QueueStats> stats) {
    Supplier<BudgetStatus> status = () -> budget.status(stats.get());
    FunctionCounter.builder("gateway.uplink.budget.bytes", budget, b -> (double) b.sentBytes())
        .description("Payload bytes the uplink sent under the bandwidth budget")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("gateway.uplink.budget.limit", status, s -> (double) s.get().maxBytesPerSecond())
        .description("The bandwidth budget's rate, bytes per second (0: unlimited)")
        .baseUnit("bytes.per.second")
        .strongReference(true)
        .register(registry);
    Gauge.builder("gateway.uplink.budget.daily.used", budget, b -> (double) b.dailyUsedBytes())
        .description("Payload bytes the uplink sent today (UTC), against uplink.budget.daily_bytes")
        .baseUnit("bytes")
        .register(registry);
    for (UplinkClass c : UplinkClass.values()) {
      Gauge.builder("gateway.uplink.budget.waiting", status, s -> waiting(s, c).bytes())
          .description("Payload bytes waiting in the queue, by bandwidth class")
          .baseUnit("bytes")
          .tag("class", c.tag())
          .strongReference(true)
          .register(registry);
      Gauge.builder(
              "gateway.uplink.budget.oldest.waiting", status, s -> waiting(s, c).oldestAgeSeconds())
          .description("Age of the oldest batch waiting in the queue, by bandwidth class")
          .baseUnit("seconds")
          .tag("class", c.tag())
          .strongReference(true)
          .register(registry);
    }
  }

  private static ClassWaiting waiting(Supplier<BudgetStatus> status, UplinkClass c) {
    return status.get().waiting().getOrDefault(c, new ClassWaiting(0, 0, 0));
  }
}
