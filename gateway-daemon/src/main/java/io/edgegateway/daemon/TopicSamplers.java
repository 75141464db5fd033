package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.config.SamplePolicy;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.sampling.Sampler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler of a telemetry topic under its rule's {@code sample} policy ({@code max_rate}, {@code
 * every_nth}, {@code on_change} through a field reader, or keep all).
 */
final class TopicSamplers {
  // Gateway's logger: the line keeps the logger name it always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final FieldReaders fields;
  private final GatewayMetrics metrics;

  TopicSamplers(FieldReaders fields, GatewayMetrics metrics) {
    this.fields = fields;
    this.metrics = metrics;
  }

  /**
   * The sampler of a topic subscribed at start, typed by its rule.
   *
   * @throws IllegalArgumentException when an {@code on_change} field cannot be read
   */
  Sampler configured(String topic, TopicRule rule) {
    return sampler(topic, rule.type().orElse(null), rule);
  }

  /**
   * The sampler of a discovered topic; an {@code on_change} field its discovered type cannot
   * resolve keeps every sample (one WARN line) rather than dropping data.
   */
  Sampler discovered(String topic, RosTypeName type, TopicRule rule) {
    try {
      return sampler(topic, type, rule);
    } catch (IllegalArgumentException e) {
      log.warn("{}: {}; keeping every sample of this topic", topic, e.getMessage());
      return Sampler.keepAll();
    }
  }

  private Sampler sampler(String topic, @Nullable RosTypeName type, TopicRule rule) {
    SamplePolicy p = rule.sample();
    if (p instanceof SamplePolicy.MaxRate m) {
      return Sampler.maxRate(m.hz());
    } else if (p instanceof SamplePolicy.EveryNth n) {
      return Sampler.everyNth(n.n());
    } else if (p instanceof SamplePolicy.OnChange c) {
      FieldReader reader = fields.reader(topic, type, c.field(), "on_change");
      var undecodable = metrics.fieldUndecodable(topic, c.field(), "on_change");
      return Sampler.onChange(reader, c.deadband(), undecodable::increment);
    }
    return Sampler.keepAll();
  }
}
