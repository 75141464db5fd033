package io.edgegateway.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The meters about the process and the computer it runs on rather than the data: CPU and uptime
 * (Micrometer's {@code process_cpu_usage}, {@code process_cpu_time_ns_total}, {@code
 * system_cpu_usage}, {@code process_start_time_seconds}, {@code process_uptime_seconds}), the
 * resident memory and the kernel clock's synchronisation. Kept apart from {@link GatewayMetrics}
 * (the data path) so that neither grows past one concern; the values come from the daemon, which
 * reads {@code /proc} and the kernel.
 */
public final class HostMetrics {
  private final MeterRegistry registry;

  public HostMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Binds Micrometer's processor and uptime meters. */
  public void bindProcess() {
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Exports {@code gateway_process_resident_memory_bytes}.
   *
   * @param bytes called on every scrape; NaN when it cannot be read
   */
  public void bindResidentMemory(DoubleSupplier bytes) {
    Gauge.builder("gateway.process.resident.memory", bytes, DoubleSupplier::getAsDouble)
        .description("Resident set size of the daemon process (VmRSS): heap, native and mapped")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Exports the kernel clock's synchronisation: {@code gateway_clock_synchronized} (1 while the
   * kernel says something disciplines the clock, 0 while it reports it unsynchronised or cannot be
   * read) and {@code gateway_clock_max_error_seconds} / {@code
   * gateway_clock_estimated_error_seconds}.
   *
   * @param synchronised 1 or 0, NaN when it cannot be read; each is called on every scrape
   */
  public void bindClock(
      DoubleSupplier synchronised, DoubleSupplier maxErrorSeconds, DoubleSupplier estErrorSeconds) {
    Gauge.builder("gateway.clock.synchronized", synchronised, DoubleSupplier::getAsDouble)
        .description(
            "1 while the kernel clock is synchronised (adjtimex not TIME_ERROR, no STA_UNSYNC)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("gateway.clock.max.error", maxErrorSeconds, DoubleSupplier::getAsDouble)
        .description("Kernel bound on the clock's error (adjtimex maxerror); grows while unsynced")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    Gauge.builder("gateway.clock.estimated.error", estErrorSeconds, DoubleSupplier::getAsDouble)
        .description("Estimated clock error reported by the synchronising daemon (adjtimex)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  /**
   * {@code gateway_clock_jumps_total{direction}}: wall-clock jumps (wall vs monotonic drift beyond
   * 100 ms), {@code direction} {@code forward} or {@code backward}.
   */
  public Counter clockJumps(String direction) {
    if (!direction.equals("forward") && !direction.equals("backward")) {
      throw new IllegalArgumentException(
          "direction : " + direction + " (expected: forward or backward)");
    }
    return Counter.builder("gateway.clock.jumps")
        .description("Wall-clock jumps: wall and monotonic time drifted apart by more than 100 ms")
        .tag("direction", direction)
        .register(registry);
  }
}
