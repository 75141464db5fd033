package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.capture.CaptureSink;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;

/**
 * The telemetry sample handler of a topic: its route into the pipeline (the rule's stream and
 * priority, a sampler, the capture ring's sink), preceded by the field gauges of the topic. Used
 * for subscriptions made at start, discovered ones and the fast path's mirror alike.
 */
final class TelemetryHandlers {
  private final TelemetryPipeline pipeline;
  private final FieldGauges gauges;
  private final CaptureSink capture;

  /**
   * @param capture where every sample of a captured topic (not control, rule not {@code capture:
   *     false}) goes before sampling
   */
  TelemetryHandlers(TelemetryPipeline pipeline, FieldGauges gauges, CaptureSink capture) {
    this.pipeline = pipeline;
    this.gauges = gauges;
    this.capture = capture;
  }

  TelemetryHandlers(TelemetryPipeline pipeline, FieldGauges gauges) {
    this(pipeline, gauges, CaptureSink.none());
  }

  SampleHandler forTopic(String topic, RosTypeName type, TopicRule rule, Sampler sampler) {
    boolean captured = rule.capture() && rule.trafficClass() != TrafficClass.CONTROL;
    return gauges.tapped(
        topic,
        pipeline.handlerFor(
            new TopicRoute(
                topic,
                type,
                rule.stream(),
                rule.priority(),
                sampler,
                captured ? capture : CaptureSink.none())));
  }
}
