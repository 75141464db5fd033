package io.edgegateway.core.config;

import static io.edgegateway.core.config.MetricsSchema.METRIC_FIELD;
import static io.edgegateway.core.config.MetricsSchema.METRIC_NAME;
import static io.edgegateway.core.config.MetricsSchema.METRIC_TOPIC;

import io.edgegateway.core.RosTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code metrics} list ({@link MetricsSchema}) to {@link FieldMetricSettings}: names are
 * unique, a topic rule must match each topic, and each field is recorded for the check against
 * message definitions.
 */
final class MetricsBinder {
  private final BindContext context;
  private final ErrorCollector errors;

  MetricsBinder(BindContext context) {
    this.context = context;
    this.errors = context.errors();
  }

  /**
   * The metrics of {@code root} that bound without error.
   *
   * @param ros2 the bound {@code ros2} section; null when it had errors, then topics go unchecked
   */
  List<FieldMetricSettings> bind(MappingView root, @Nullable Ros2Settings ros2) {
    List<FieldMetricSettings> metrics = new ArrayList<>();
    Map<String, Position> names = new LinkedHashMap<>();
    for (MappingView.Element element : root.elements(ConfigSchema.METRICS)) {
      MappingView m = context.mapping(element, MetricsSchema.SECTION);
      if (!m.usable()) {
        continue;
      }
      String topic = m.get(METRIC_TOPIC);
      String field = m.get(METRIC_FIELD);
      String name = m.get(METRIC_NAME);
      if (name != null) {
        Position first = names.putIfAbsent(name, m.valuePos(METRIC_NAME));
        if (first != null) {
          errors.report(
              m.valuePos(METRIC_NAME),
              m.path(METRIC_NAME),
              "duplicate metric name '" + name + "' (first used at " + first.describe() + ")");
        }
      }
      if (m.hasErrors() || ros2 == null || topic == null || field == null || name == null) {
        continue; // a null value was reported, so m.hasErrors() already holds
      }
      FieldMetricSettings metric = new FieldMetricSettings(topic, field, name);
      Optional<String> problem = GatewayConfig.metricTopicProblem(ros2, metric);
      if (problem.isPresent()) {
        errors.report(m.valuePos(METRIC_TOPIC), m.path(METRIC_TOPIC), problem.get());
        continue;
      }
      Optional<RosTypeName> type = ros2.topicRules().ruleFor(topic).flatMap(TopicRule::type);
      context.fieldRef(m.valuePos(METRIC_FIELD), m.path(METRIC_FIELD), type, field, true);
      metrics.add(metric);
    }
    return metrics;
  }
}
