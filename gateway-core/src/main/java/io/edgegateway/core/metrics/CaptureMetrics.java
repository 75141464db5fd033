package io.edgegateway.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of incident capture: {@code gateway_capture_ring_bytes}, {@code
 * gateway_capture_ring_oldest_age_seconds}, {@code gateway_capture_dropped_total{topic,reason}}
 * (samples the ring did not keep or lost before their age) and {@code
 * gateway_capture_incidents_total{trigger}} (trigger names come from the config, plus {@code
 * manual}: bounded).
 */
public final class CaptureMetrics {
  /** The capture queue from the bus threads was full. */
  public static final String QUEUE_FULL = "queue_full";

  /** The ring's byte quota deleted the sample before {@code max_age}. */
  public static final String QUOTA = "quota";

  /** Writing the sample to disk failed. */
  public static final String IO_ERROR = "io_error";

  /** A segment found at start was corrupt or truncated; its unreadable part was skipped. */
  public static final String CORRUPT = "corrupt";

  private final MeterRegistry registry;

  public CaptureMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Samples of {@code topic} the ring did not keep, for {@code reason}. */
  public Counter dropped(String topic, String reason) {
    return Counter.builder("gateway.capture.dropped")
        .description("Samples the capture ring did not keep, or deleted before max_age")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry);
  }

  /** Incidents opened by {@code trigger} (a merge into an open incident is not counted). */
  public Counter incidents(String trigger) {
    return Counter.builder("gateway.capture.incidents")
        .description(
            "Incidents opened, by the trigger that opened them (manual: POST /v1/captures)")
        .tag("trigger", trigger)
        .register(registry);
  }

  /** The ring's size and the age of its oldest sample. */
  public void bindRing(LongSupplier bytes, DoubleSupplier oldestAgeSeconds) {
    Gauge.builder("gateway.capture.ring.bytes", bytes, LongSupplier::getAsLong)
        .description("Bytes the capture ring holds on disk")
        .baseUnit("bytes")
        .strongReference(true) // the supplier is a lambda nothing else holds
        .register(registry);
    Gauge.builder("gateway.capture.ring.oldest.age", oldestAgeSeconds, DoubleSupplier::getAsDouble)
        .description("Age of the oldest sample in the capture ring (0 when empty)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }
}
