package io.edgegateway.core.fields;

import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.SampleHandler;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus gauge of one message field ({@code metrics:} in the config): the value of the field
 * in the latest sample received on a telemetry topic.
 *
 * <p>Implementation notes: the receive path only stores a reference to the sample (one volatile
 * write, no decoding, no allocation); the field is read when the gauge is scraped, at most once per
 * sample. A sample whose field cannot be read is counted ({@code
 * gateway_undecodable_fields_total{use="metric"}}, once per sample looked at) and the gauge keeps
 * its previous value; before the first readable sample it is NaN. Payload arrays are never modified
 * after receipt (they belong to the envelope), so holding one is safe.
 */
public final class FieldGauge {
  private final FieldReader reader;
  private final Counter undecodable;
  private volatile byte @Nullable [] latest;
  private byte @Nullable [] readFrom;
  private double value = Double.NaN;

  private FieldGauge(FieldReader reader, Counter undecodable) {
    this.reader = reader;
    this.undecodable = undecodable;
  }

  /**
   * Creates the gauge {@code gateway_field_<name>{topic, field}} in {@code metrics}.
   *
   * @param reader reads a {@link FieldReader.Kind#NUMBER} or {@link FieldReader.Kind#BOOLEAN} field
   *     (booleans export as 1 and 0)
   */
  public static FieldGauge register(
      GatewayMetrics metrics, String name, String topic, FieldReader reader) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reader, "reader");
    if (reader.kind() == FieldReader.Kind.TEXT) {
      throw new IllegalArgumentException(
          "reader : " + reader.path() + " is text (expected: a number or boolean field)");
    }
    String field = reader.path().toString();
    FieldGauge gauge = new FieldGauge(reader, metrics.fieldUndecodable(topic, field, "metric"));
    metrics.fieldGauge(name, topic, field, gauge::value);
    return gauge;
  }

  /** Remembers {@code sample} as the latest one; called on the bus thread, never blocks. */
  public void offer(byte[] sample) {
    latest = sample;
  }

  /** A handler that remembers each sample, then passes it to {@code next}. */
  public SampleHandler tap(SampleHandler next) {
    Objects.requireNonNull(next, "next");
    return (sourceStampNs, payload) -> {
      latest = payload;
      next.onSample(sourceStampNs, payload);
    };
  }

  /** The field's value in the latest readable sample; NaN before the first. */
  public synchronized double value() {
    byte[] sample = latest;
    if (sample != null && sample != readFrom) {
      readFrom = sample;
      try {
        value = FieldReader.asDouble(reader.read(sample));
      } catch (FieldReadException e) {
        undecodable.increment();
      }
    }
    return value;
  }
}
