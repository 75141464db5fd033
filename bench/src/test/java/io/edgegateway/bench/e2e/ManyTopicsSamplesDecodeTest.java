package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The many-topics simulator's samples decode with the gateway's bundled definitions (the daemon's
 * view), field values where the encoder put them: a wrong alignment or field order would shift the
 * fields after it.
 */
class ManyTopicsSamplesDecodeTest {
  private static final long STAMP = 1_700_000_000_250_000_000L;

  @Test
  void everyManyTopicsSampleDecodesWithTheBundledDefinitions() throws Exception {
    CdrDecoder decoder = new CdrDecoder(MessageRegistry.bundled());
    HumanoidProfile profile = HumanoidProfile.manyTopics();
    Map<String, Map<String, Object>> byType = new HashMap<>();
    for (TopicLoad t : profile.topics()) {
      byte[] sample = profile.encoder(t).encode(t.topic(), 3, STAMP);
      byType.put(t.type().toString(), decoder.decode(t.type().toString(), sample));
    }
    assertThat(byType).hasSize(11);
    assertThat((double) byType.get("sensor_msgs/msg/Temperature").get("temperature"))
        .isBetween(37.0, 53.0);
    Map<String, Object> battery = byType.get("sensor_msgs/msg/BatteryState");
    assertThat((String) battery.get("serial_number")).startsWith("BAT-");
    assertThat((String) battery.get("location")).isEqualTo("slot0");
    assertThat((Boolean) battery.get("present")).isTrue();
    Map<String, Object> odometry = byType.get("nav_msgs/msg/Odometry");
    assertThat(odometry.get("child_frame_id")).isEqualTo("base_link");
    assertThat(field(odometry, "twist", "twist", "linear", "x")).isCloseTo(0.5, within(0.11));
    assertThat(field(byType.get("geometry_msgs/msg/TwistStamped"), "twist", "linear", "x"))
        .isCloseTo(0.5, within(0.11));
    assertThat(field(byType.get("geometry_msgs/msg/PoseStamped"), "pose", "position", "z"))
        .isCloseTo(0.75, within(0.03));
    assertThat((String) byType.get("std_msgs/msg/String").get("data")).startsWith("state=");
    assertThat((double) byType.get("std_msgs/msg/Float64").get("data"))
        .isCloseTo(101.3, within(0.5));
  }

  @SuppressWarnings("unchecked")
  private static double field(Map<String, Object> message, String... path) {
    Object at = message;
    for (String name : path) {
      at = ((Map<String, Object>) at).get(name);
    }
    return (double) at;
  }
}
