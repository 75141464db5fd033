package io.edgegateway.daemon.host;

import io.edgegateway.core.metrics.HostMetrics;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the process meters of {@link HostMetrics} to this process: CPU and uptime from Micrometer,
 * the resident set from {@code /proc/self/status} (the clock meters are {@link
 * ClockHealthMonitor}'s). A source that cannot be read on this platform is left out (logged once at
 * start); a reading that fails on a scrape gives NaN and one log line.
 */
public final class HostMeters {
  private static final Logger log = LoggerFactory.getLogger(HostMeters.class);

  private HostMeters() {}

  /** Binds every process meter that this platform can provide. */
  public static void bind(HostMetrics metrics) {
    metrics.bindProcess();
    ResidentMemory.ofThisProcess()
        .ifPresentOrElse(
            rss -> metrics.bindResidentMemory(guarded("resident memory", rss, r -> r.bytes())),
            () -> log.warn("Resident memory not available: no /proc/self/status"));
  }

  private static <T> DoubleSupplier guarded(String what, T source, ToDoubleFunction<T> read) {
    return () -> {
      try {
        return read.applyAsDouble(source);
      } catch (RuntimeException e) {
        log.warn("Reading {} failed: {}", what, e.toString());
        return Double.NaN;
      }
    };
  }
}
