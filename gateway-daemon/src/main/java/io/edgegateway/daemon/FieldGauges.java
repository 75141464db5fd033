package io.edgegateway.daemon;

import io.edgegateway.core.config.FieldMetricSettings;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.fields.FieldGauge;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.SampleHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of the config's {@code metrics} entries (one per entry, grouped by topic), and the
 * taps that feed them the latest sample of their topic on the telemetry path.
 */
final class FieldGauges {
  // Gateway's logger: the line keeps the logger name it always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Map<String, List<FieldGauge>> byTopic;

  private FieldGauges(Map<String, List<FieldGauge>> byTopic) {
    this.byTopic = byTopic;
  }

  /**
   * Registers one gauge per {@code metrics} entry; an entry whose topic's rule has no type is not
   * exported (one WARN line).
   *
   * @throws IllegalArgumentException when an entry's type is not known to the gateway
   */
  static FieldGauges register(GatewayConfig config, FieldReaders fields, GatewayMetrics metrics) {
    Map<String, List<FieldGauge>> byTopic = new LinkedHashMap<>();
    for (FieldMetricSettings m : config.metrics()) {
      TopicRule rule = config.ros2().topicRules().ruleFor(m.topic()).orElseThrow();
      if (rule.type().isEmpty()) {
        log.warn(
            "metric {} on {}: the topic's rule has no type (type discovery is not available in"
                + " this version); not exported",
            m.name(),
            m.topic());
        continue;
      }
      FieldReader reader =
          fields.reader(m.topic(), rule.type().orElse(null), m.field(), "metric " + m.name());
      byTopic
          .computeIfAbsent(m.topic(), t -> new ArrayList<>())
          .add(FieldGauge.register(metrics, m.name(), m.topic(), reader));
    }
    return new FieldGauges(byTopic);
  }

  /** {@code handler}, preceded by the field gauges of {@code topic} (telemetry path only). */
  SampleHandler tapped(String topic, SampleHandler handler) {
    SampleHandler h = handler;
    for (FieldGauge g : byTopic.getOrDefault(topic, List.of())) {
      h = g.tap(h);
    }
    return h;
  }
}
