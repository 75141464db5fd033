package io.edgegateway.core.sampling;

import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a sample when one field changed versus the last kept sample: numbers by more than the
 * deadband (any change when the deadband is 0), booleans and strings when they differ.
 *
 * <p>Implementation notes: the first sample whose field can be read is kept and becomes the
 * reference. A sample whose field cannot be read (malformed, or an index past the end of this
 * sample's sequence) is kept, so nothing is silently lost, and reported to {@code onUndecodable};
 * it does not change the reference. NaN counts as a change from a number and no change from NaN.
 * With deadband 0 values compare exactly in their own type (no rounding of 64-bit integers).
 */
final class OnChangeSampler implements Sampler {
  private final FieldReader field;
  private final double deadband;
  private final Runnable onUndecodable;
  private @Nullable Object last;

  OnChangeSampler(FieldReader field, double deadband, Runnable onUndecodable) {
    this.field = Objects.requireNonNull(field, "field");
    if (!(deadband >= 0) || Double.isInfinite(deadband)) {
      throw new IllegalArgumentException("deadband : " + deadband + " (expected: >= 0, finite)");
    }
    this.deadband = deadband;
    this.onUndecodable = Objects.requireNonNull(onUndecodable, "onUndecodable");
  }

  /** Without the sample there is nothing to compare: kept. */
  @Override
  public boolean accept(long monotonicNanos) {
    return true;
  }

  @Override
  public boolean accept(long monotonicNanos, byte[] sample) {
    Object value;
    try {
      value = field.read(sample);
    } catch (FieldReadException e) {
      onUndecodable.run();
      return true;
    }
    if (last == null || changed(last, value)) {
      last = value;
      return true;
    }
    return false;
  }

  private boolean changed(Object before, Object now) {
    if (deadband == 0 || !(before instanceof Number) || !(now instanceof Number)) {
      return !before.equals(now);
    }
    double a = ((Number) before).doubleValue();
    double b = ((Number) now).doubleValue();
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) != Double.isNaN(b);
    }
    return Math.abs(b - a) > deadband;
  }

  @Override
  public String dropReason() {
    return "on_change";
  }
}
