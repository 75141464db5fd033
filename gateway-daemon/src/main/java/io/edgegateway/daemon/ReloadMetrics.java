package io.edgegateway.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The live-reload meters: {@code gateway_config_reloads_total} (applied), {@code
 * gateway_config_reload_failures_total} (refused: invalid or missing file, restart-only keys) and
 * the gauge {@code gateway_config_generation}.
 */
final class ReloadMetrics {
  private final Counter reloads;
  private final Counter failures;

  ReloadMetrics(MeterRegistry registry, LongSupplier generation) {
    this.reloads =
        Counter.builder("gateway.config.reloads")
            .description("Config reloads applied (SIGHUP, edge-gateway reload, POST /v1/reload)")
            .register(registry);
    this.failures =
        Counter.builder("gateway.config.reload.failures")
            .description(
                "Config reloads refused: invalid or unreadable file, or a key that needs a restart;"
                    + " the gateway keeps running on the last good config")
            .register(registry);
    Gauge.builder("gateway.config.generation", generation, g -> (double) g.getAsLong())
        .description("Generation of the config in effect: 1 at start, +1 per applied reload")
        .strongReference(true)
        .register(registry);
  }

  void applied() {
    reloads.increment();
  }

  void refused() {
    failures.increment();
  }
}
