package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosNamesTest {

  @Test
  void rosTopicsLoseTheirRtPrefix() {
    assertThat(RosNames.rosTopic("rt/imu")).contains("/imu");
    assertThat(RosNames.rosTopic("rt/robot/joint_states")).contains("/robot/joint_states");
  }

  @Test
  void servicesDiscoveryInfoAndPlainDdsTopicsAreNotRosTopics() {
    assertThat(RosNames.rosTopic("rq/add_two_intsRequest")).isEmpty();
    assertThat(RosNames.rosTopic("rr/add_two_intsReply")).isEmpty();
    assertThat(RosNames.rosTopic("ros_discovery_info")).isEmpty();
    assertThat(RosNames.rosTopic("Square")).isEmpty();
    assertThat(RosNames.rosTopic("rt/")).isEmpty();
    assertThat(RosNames.rosTopic("rt/9lives")).isEmpty();
    assertThat(RosNames.rosTopic(null)).isEmpty();
  }

  @Test
  void ddsMessageTypesMapToRosTypes() {
    assertThat(RosNames.rosType("sensor_msgs::msg::dds_::Imu_"))
        .contains(RosTypeName.parse("sensor_msgs/msg/Imu"));
    assertThat(RosNames.rosType("rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_"))
        .contains(RosTypeName.parse("rmw_dds_common/msg/ParticipantEntitiesInfo"));
  }

  @Test
  void nonMessageTypesHaveNoRosType() {
    assertThat(RosNames.rosType("example_interfaces::srv::dds_::AddTwoInts_Request_")).isEmpty();
    assertThat(RosNames.rosType("ShapeType")).isEmpty();
    assertThat(RosNames.rosType("sensor_msgs::msg::Imu")).isEmpty();
  }

  @Test
  void mapsRosTopicNamesToDdsTopicNames() {
    assertThat(RosNames.ddsTopic("/imu")).isEqualTo("rt/imu");
    assertThat(RosNames.ddsTopic("/robot_1/imu/torso")).isEqualTo("rt/robot_1/imu/torso");
    for (String invalid : List.of("/imu/", "//imu", "/1imu", "/imu-torso", "/")) {
      assertThatThrownBy(() -> RosNames.ddsTopic(invalid))
          .as(invalid)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("topic : " + invalid + " (expected: absolute ROS 2 name");
    }
  }
}
