package io.edgegateway.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gauges alerts compare the data-path meters against: the queue's configured quota and TTL (so
 * "queue above 80 % of quota" is one PromQL division, and stays right when a reload changes the
 * quota) and whether the uplink is connected. Kept apart from {@link GatewayMetrics}, which
 * measures the data itself.
 */
public final class LimitGauges {
  private final MeterRegistry registry;

  public LimitGauges(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Exports {@code gateway_queue_quota_bytes} and {@code gateway_queue_ttl_seconds}.
   *
   * @param quotaBytes the queue's current byte quota ({@code buffer.max_bytes}); called on scrape
   * @param ttl the queue's current batch TTL ({@code buffer.ttl}); called on scrape
   */
  public void bindQueueLimits(LongSupplier quotaBytes, Supplier<Duration> ttl) {
    Gauge.builder("gateway.queue.quota", quotaBytes, LongSupplier::getAsLong)
        .description("Byte quota of the durable queue (buffer.max_bytes); beyond it, evictions")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder("gateway.queue.ttl", ttl, t -> t.get().toMillis() / 1000.0)
        .description("Age at which a queued batch is evicted unsent (buffer.ttl)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Exports {@code gateway_uplink_connected}: 1 while the uplink state is {@code connected}, 0
   * while it is connecting, disconnected, fenced or closed.
   *
   * @param connected called on scrape; must be cheap
   */
  public void bindUplinkConnected(BooleanSupplier connected) {
    Gauge.builder("gateway.uplink.connected", connected, c -> c.getAsBoolean() ? 1 : 0)
        .description("1 while the uplink is connected to the broker, else 0 (see /v1/status)")
        .strongReference(true)
        .register(registry);
  }
}
