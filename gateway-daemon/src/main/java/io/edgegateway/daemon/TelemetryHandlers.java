package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;

/**
 * The telemetry sample handler of a topic: its route into the pipeline (the rule's stream and
 * priority, a sampler), preceded by the field gauges of the topic. Used for subscriptions made at
 * start, discovered ones and the fast path's mirror alike.
 */
final class TelemetryHandlers {
  private final TelemetryPipeline pipeline;
  private final FieldGauges gauges;

  TelemetryHandlers(TelemetryPipeline pipeline, FieldGauges gauges) {
    this.pipeline = pipeline;
    this.gauges = gauges;
  }

  SampleHandler forTopic(String topic, RosTypeName type, TopicRule rule, Sampler sampler) {
    return gauges.tapped(
        topic,
        pipeline.handlerFor(new TopicRoute(topic, type, rule.stream(), rule.priority(), sampler)));
  }
}
