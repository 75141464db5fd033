package io.edgegateway.daemon;

import io.edgegateway.core.config.BufferSettings;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import java.time.Duration;

/**
 * The telemetry pipeline's settings: batch size and linger from {@code buffer.batch}, the intake's
 * fixed bounds, the time one delivery may take, and the drain timeout of the stop.
 */
final class PipelineSettings {
  /** Samples the intake holds before it drops (and counts) with reason {@code intake_full}. */
  static final int INTAKE_MAX_SAMPLES = 65_536;

  /** Payload bytes the intake holds before it drops. */
  static final long INTAKE_MAX_BYTES = 64L * 1024 * 1024;

  /** How long one {@code Uplink.deliver} (one Kafka transaction) may take. */
  static final Duration DELIVER_TIMEOUT = Duration.ofSeconds(10);

  private PipelineSettings() {}

  /**
   * @param drainTimeout how long the stop keeps delivering the backlog
   */
  static TelemetryPipeline.Settings of(BufferSettings buffer, Duration drainTimeout) {
    return new TelemetryPipeline.Settings(
        buffer.batch().maxBytes(),
        buffer.batch().linger(),
        INTAKE_MAX_SAMPLES,
        INTAKE_MAX_BYTES,
        DELIVER_TIMEOUT,
        drainTimeout);
  }
}
