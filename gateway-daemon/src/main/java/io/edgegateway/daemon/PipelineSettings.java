package io.edgegateway.daemon;

import io.edgegateway.core.config.BufferSettings;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import java.time.Duration;

/**
 * The telemetry pipeline's settings: batch size and linger from {@code buffer.batch}, the intake's
 * bounds (sized from the heap), the time one delivery may take, and the drain timeout of the stop.
 *
 * <p>Why the intake is sized from the heap: while the durable queue stalls (a locked or slow disk)
 * the batcher waits in its append and the intake fills up to its bounds. With fixed bounds of 64
 * MiB and 65,536 samples, a 96 MiB heap ran nearly full under ×10 load, G1 then collected ~15 times
 * a second and the control relay's samples waited behind the pauses (docs/benchmarks.md,
 * "Footprint"). An eighth of the heap keeps the stalled live set small; what does not fit is
 * dropped and counted ({@code reason="intake_full"}), as for any full intake.
 */
final class PipelineSettings {
  /** At most this many samples in the intake, whatever the heap. */
  static final int INTAKE_MAX_SAMPLES = 65_536;

  /** At most this many payload bytes in the intake, whatever the heap. */
  static final long INTAKE_MAX_BYTES = 64L * 1024 * 1024;

  /** The intake's share of the heap: payload bytes plus the samples' own objects. */
  static final int INTAKE_HEAP_FRACTION = 8;

  /** The least heap budget the intake gets, on however small a heap. */
  static final long INTAKE_MIN_BUDGET_BYTES = 4L * 1024 * 1024;

  /**
   * Heap a held sample costs besides its payload: the envelope (header, two references, three
   * longs), the payload array's header and the intake ring's slots, rounded up.
   */
  static final int INTAKE_SAMPLE_OVERHEAD_BYTES = 96;

  /** How long one {@code Uplink.deliver} (one Kafka transaction) may take. */
  static final Duration DELIVER_TIMEOUT = Duration.ofSeconds(10);

  /** The intake's bounds: samples and payload bytes. */
  record IntakeBounds(int maxSamples, long maxBytes) {}

  /**
   * The shortest time between two uploads when there is no backlog: ~4 transactions a second
   * instead of one per sealed batch (docs/benchmarks.md, "Steady-state CPU"), for at most 250 ms
   * more upload lag.
   */
  static final Duration ROUND_INTERVAL = Duration.ofMillis(250);

  private PipelineSettings() {}

  /**
   * Settings for a process whose heap is {@link Runtime#maxMemory()}.
   *
   * @param drainTimeout how long the stop keeps delivering the backlog
   */
  static TelemetryPipeline.Settings of(BufferSettings buffer, Duration drainTimeout) {
    IntakeBounds intake = intakeBounds(Runtime.getRuntime().maxMemory());
    return new TelemetryPipeline.Settings(
        buffer.batch().maxBytes(),
        buffer.batch().linger(),
        intake.maxSamples(),
        intake.maxBytes(),
        DELIVER_TIMEOUT,
        drainTimeout,
        ROUND_INTERVAL);
  }

  /**
   * An eighth of the heap (at least 4 MiB): three quarters of it for payload bytes, a quarter for
   * the samples' own objects, each capped by the fixed maximum. A 96 MiB heap gets 9 MiB and 32,768
   * samples, 256 MiB 24 MiB and 65,536 samples, 512 MiB and more 48–64 MiB.
   */
  static IntakeBounds intakeBounds(long maxHeapBytes) {
    long budget = Math.max(INTAKE_MIN_BUDGET_BYTES, maxHeapBytes / INTAKE_HEAP_FRACTION);
    long bytes = Math.min(INTAKE_MAX_BYTES, budget / 4 * 3);
    long samples = Math.min(INTAKE_MAX_SAMPLES, budget / 4 / INTAKE_SAMPLE_OVERHEAD_BYTES);
    return new IntakeBounds((int) samples, bytes);
  }
}
