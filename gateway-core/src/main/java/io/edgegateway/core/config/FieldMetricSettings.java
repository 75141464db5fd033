package io.edgegateway.core.config;

/**
 * One entry of {@code metrics}: a message field exported as the Prometheus gauge {@code
 * gateway_field_<name>}.
 *
 * @param topic the exact topic whose latest sample is read
 * @param field field path into the topic's type, e.g. {@code effort[3]}
 * @param name gauge name, {@code [a-z_][a-z0-9_]*}
 */
public record FieldMetricSettings(String topic, String field, String name) {
  public FieldMetricSettings {
    MetricsSchema.METRIC_TOPIC.check(topic);
    MetricsSchema.METRIC_FIELD.check(field);
    MetricsSchema.METRIC_NAME.check(name);
  }

  /** The exported metric name, {@code gateway_field_<name>}. */
  public String metricName() {
    return "gateway_field_" + name;
  }
}
