package io.edgegateway.core.pipeline;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.capture.CaptureSink;
import io.edgegateway.core.sampling.Sampler;
import java.util.Objects;

/**
 * Where the samples of one subscribed topic go on the telemetry path.
 *
 * @param topic ROS 2 topic name
 * @param type ROS 2 type
 * @param stream the stream (and so Kafka topic) its batches go to
 * @param priority 0 (evicted first) to 9
 * @param sampler the topic's sampling policy; owned by this route
 * @param capture where every received sample goes before sampling (the capture ring)
 */
public record TopicRoute(
    String topic,
    RosTypeName type,
    String stream,
    int priority,
    Sampler sampler,
    CaptureSink capture) {
  public TopicRoute {
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(sampler, "sampler");
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority : " + priority + " (expected: 0..9)");
    }
  }

  /** A route whose samples are not captured. */
  public TopicRoute(String topic, RosTypeName type, String stream, int priority, Sampler sampler) {
    this(topic, type, stream, priority, sampler, CaptureSink.none());
  }
}
