package io.edgegateway.core.pipeline;

import io.edgegateway.core.RosTypeName;
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
 */
public record TopicRoute(
    String topic, RosTypeName type, String stream, int priority, Sampler sampler) {
  public TopicRoute {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(sampler, "sampler");
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority : " + priority + " (expected: 0..9)");
    }
  }
}
