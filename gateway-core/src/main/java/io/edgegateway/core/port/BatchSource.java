package io.edgegateway.core.port;

import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.time.Duration;
import java.util.List;

/**
 * A finite run of telemetry batches to read once, in order, e.g. for an export: a time range or an
 * incident read back from Kafka, or (later) an incident from the robot's own capture store.
 *
 * <p>Call {@link #poll} until {@link #exhausted()}; not thread-safe.
 */
public interface BatchSource extends AutoCloseable {
  /**
   * The next batches, waiting at most {@code timeout} for them; an empty list when none arrived in
   * time or the source is exhausted.
   *
   * @throws SourceUnavailableException when the source cannot be reached or read (no broker within
   *     the source's timeout, a missing topic, a missing store)
   */
  List<TelemetryBatch> poll(Duration timeout) throws SourceUnavailableException;

  /** True once every batch of the run was returned by {@link #poll}. */
  boolean exhausted();

  /** How much of the run was read, 0..1, or NaN while that is not known. */
  double fractionRead();

  @Override
  void close();
}
