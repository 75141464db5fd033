package io.edgegateway.ros2;

import io.edgegateway.core.RosTypeName;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mapping between DDS names and ROS 2 names: the DDS topic {@code rt/imu} is the ROS topic
 * {@code /imu}, the DDS type {@code sensor_msgs::msg::dds_::Imu_} the ROS type {@code
 * sensor_msgs/msg/Imu}. Services ({@code rq/}, {@code rr/}), actions' hidden topics outside {@code
 * rt/}, {@code ros_discovery_info} and plain DDS topics have no ROS topic name.
 */
final class RosNames {
  private static final String TOPIC_PREFIX = "rt";
  private static final Pattern ROS_TOPIC = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_]*)+");
  private static final Pattern DDS_TYPE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*::msg::dds_::[A-Za-z][A-Za-z0-9_]*_");

  private RosNames() {}

  /** The DDS topic name for an absolute ROS 2 topic name: {@code /imu} is {@code rt/imu}. */
  static String ddsTopic(String rosTopic) {
    if (!ROS_TOPIC.matcher(rosTopic).matches()) {
      throw new IllegalArgumentException(
          "topic : "
              + rosTopic
              + " (expected: absolute ROS 2 name of letters, digits, _ and /, e.g. /imu/torso)");
    }
    return TOPIC_PREFIX + rosTopic;
  }

  /** The ROS topic name of a DDS topic name, or empty when it is not a ROS 2 topic. */
  static Optional<String> rosTopic(String ddsTopic) {
    if (ddsTopic == null || !ddsTopic.startsWith(TOPIC_PREFIX + "/")) {
      return Optional.empty();
    }
    String name = ddsTopic.substring(TOPIC_PREFIX.length());
    return ROS_TOPIC.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /** The ROS message type of a DDS type name, or empty when it is not a ROS 2 message type. */
  static Optional<RosTypeName> rosType(String ddsType) {
    if (ddsType == null || !DDS_TYPE.matcher(ddsType).matches()) {
      return Optional.empty();
    }
    return Optional.of(RosTypeName.fromDds(ddsType));
  }
}
