package io.edgegateway.core.config;

/** The keys of one {@code metrics[]} entry: a message field exported as a Prometheus gauge. */
final class MetricsSchema {
  private MetricsSchema() {}

  static final String METRIC_NAME_PATTERN = "[a-z_][a-z0-9_]{0,99}";

  static final Key<String> METRIC_TOPIC =
      Key.required(
          "topic",
          ValueType.topicName(),
          "Topic whose latest sample is read; a topic rule must match it (a control rule only"
              + " with a `mirror`: the gauge reads the mirror copies).");
  static final Key<String> METRIC_FIELD =
      Key.required(
          "field",
          ValueType.matching(
              ConfigSchema.FIELD_PATH_PATTERN,
              "a field path like temperature[3] or voltage",
              "field path"),
          "Numeric or boolean field of the topic's type, e.g. `effort[3]` or `voltage`; booleans"
              + " export as 1 and 0.");
  static final Key<String> METRIC_NAME =
      Key.required(
          "name",
          ValueType.matching(METRIC_NAME_PATTERN, "a metric name like battery_voltage"),
          "Gauge name, unique; exported as `gateway_field_<name>{topic=\"...\",field=\"...\"}`.");
  static final Section SECTION =
      Section.of(
          "metrics[]",
          "One message field exported as a Prometheus gauge: its value in the latest sample"
              + " received on the topic, read when `/metrics` is scraped.",
          METRIC_TOPIC,
          METRIC_FIELD,
          METRIC_NAME);
}
