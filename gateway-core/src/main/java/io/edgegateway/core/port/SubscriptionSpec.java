package io.edgegateway.core.port;

import io.edgegateway.core.RosTypeName;
import java.util.Objects;

/**
 * What to subscribe to on the bus.
 *
 * @param topic absolute ROS 2 topic name, e.g. {@code /imu/torso}
 * @param type ROS 2 type name, e.g. {@code sensor_msgs/msg/Imu}
 * @param qos quality of service requested
 * @param maxSampleBytes largest serialized sample accepted; larger samples are dropped by DDS
 */
public record SubscriptionSpec(String topic, RosTypeName type, Qos qos, int maxSampleBytes) {
  public SubscriptionSpec {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(qos, "qos");
    if (!topic.startsWith("/")) {
      throw new IllegalArgumentException("topic : " + topic + " (expected: absolute name)");
    }
    if (maxSampleBytes < 64) {
      throw new IllegalArgumentException(
          "maxSampleBytes : " + maxSampleBytes + " (expected: >= 64)");
    }
  }
}
