package io.edgegateway.daemon;

import io.edgegateway.uplink.UplinkTls;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The mTLS meters of the uplink ({@code uplink.kafka.tls}): the gauge {@code
 * gateway_tls_certificate_expiry_seconds} (seconds until the client certificate in use expires;
 * negative once it has), {@code gateway_tls_reload_failures_total} (changed or reloaded files
 * refused, the material in use kept) and {@code gateway_tls_rotations_total} (new material taken
 * into use without a restart).
 */
final class TlsMetrics {
  private TlsMetrics() {}

  /** Registers the meters of {@code tls}; {@code wallMillis} is the wall clock in epoch ms. */
  static void register(MeterRegistry registry, UplinkTls tls, LongSupplier wallMillis) {
    Gauge.builder(
            "gateway.tls.certificate.expiry.seconds",
            tls,
            t -> (t.certificateNotAfter().toEpochMilli() - wallMillis.getAsLong()) / 1000.0)
        .description(
            "Seconds until the Kafka client certificate in use expires (negative: expired)")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("gateway.tls.reload.failures", tls, t -> (double) t.reloadFailures())
        .description(
            "Changed or reloaded TLS files refused (unreadable, half-written, key not matching,"
                + " expired, not from the CA); the material in use is kept")
        .register(registry);
    FunctionCounter.builder("gateway.tls.rotations", tls, t -> (double) t.rotations())
        .description("New TLS material taken into use without a restart")
        .register(registry);
  }
}
