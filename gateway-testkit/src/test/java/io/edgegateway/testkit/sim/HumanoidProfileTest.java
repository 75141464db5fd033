package io.edgegateway.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanoidProfileTest {

  @Test
  void humanoid1ListsTheThirteenReferenceTopicsInOrder() {
    assertThat(HumanoidProfile.humanoid1().topicNames())
        .containsExactly(
            "/joint_states",
            "/imu/torso",
            "/imu/pelvis",
            "/ft/left_wrist",
            "/ft/right_wrist",
            "/ft/left_ankle",
            "/ft/right_ankle",
            "/camera/head/compressed",
            "/camera/left/compressed",
            "/camera/right/compressed",
            "/diagnostics",
            "/joint_commands",
            "/cmd_vel");
  }

  @Test
  void humanoid1CarriesTheRatesTypesAndClassesOfTheLoadProfile() {
    HumanoidProfile p = HumanoidProfile.humanoid1();
    assertThat(p.name()).isEqualTo("humanoid-1");
    assertThat(p.find("/joint_states").orElseThrow())
        .isEqualTo(
            new TopicLoad(
                "/joint_states", HumanoidMessages.JOINT_STATE, 500, TrafficClass.TELEMETRY, 1560));
    assertThat(p.find("/imu/pelvis").orElseThrow().rateHz()).isEqualTo(1000);
    assertThat(p.find("/ft/right_ankle").orElseThrow().type())
        .isEqualTo(HumanoidMessages.WRENCH_STAMPED);
    assertThat(p.find("/camera/left/compressed").orElseThrow().trafficClass())
        .isEqualTo(TrafficClass.PERCEPTION);
    assertThat(p.find("/diagnostics").orElseThrow().trafficClass())
        .isEqualTo(TrafficClass.DIAGNOSTICS);
    assertThat(p.find("/joint_commands").orElseThrow().type())
        .isEqualTo(HumanoidMessages.JOINT_TRAJECTORY);
    assertThat(p.find("/cmd_vel").orElseThrow().trafficClass()).isEqualTo(TrafficClass.CONTROL);
    assertThat(p.messagesPerSecond()).isEqualTo(7150.0);
    assertThat(p.bytesPerSecond()).isBetween(7.0e6, 8.0e6);
  }

  @Test
  void namedHumanoid1x10MultipliesEveryRateByTen() {
    HumanoidProfile base = HumanoidProfile.humanoid1();
    HumanoidProfile stress = HumanoidProfile.named("humanoid-1x10");
    assertThat(stress.name()).isEqualTo("humanoid-1x10");
    assertThat(stress.topicNames()).isEqualTo(base.topicNames());
    for (TopicLoad load : base.topics()) {
      assertThat(stress.find(load.topic()).orElseThrow().rateHz()).isEqualTo(load.rateHz() * 10);
    }
    assertThat(HumanoidProfile.named("humanoid-1")).isEqualTo(base);
  }

  @Test
  void unknownProfileNamesAreRejectedWithTheAcceptedSpelling() {
    assertThatThrownBy(() -> HumanoidProfile.named("quadruped-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "profile : quadruped-1 (expected: humanoid-1, humanoid-1xK, e.g. humanoid-1x10, or"
                + " many-topics)");
  }

  @Test
  void controlTopicsAreReliableAndTelemetryBestEffort() {
    HumanoidProfile p = HumanoidProfile.humanoid1();
    assertThat(p.find("/cmd_vel").orElseThrow().qos()).isEqualTo(Qos.controlDefault());
    assertThat(p.find("/joint_commands").orElseThrow().qos().reliability())
        .isEqualTo(Qos.Reliability.RELIABLE);
    assertThat(p.find("/imu/torso").orElseThrow().qos()).isEqualTo(Qos.telemetryDefault());
    assertThat(p.find("/camera/head/compressed").orElseThrow().qos().reliability())
        .isEqualTo(Qos.Reliability.BEST_EFFORT);
  }

  @Test
  void maxSampleBytesLeavesRoomForEverySample() {
    for (TopicLoad load : HumanoidProfile.humanoid1().topics()) {
      assertThat(load.maxSampleBytes()).isGreaterThanOrEqualTo(2 * load.expectedSizeBytes());
    }
    assertThat(HumanoidProfile.humanoid1().find("/camera/head/compressed").orElseThrow().spec())
        .satisfies(spec -> assertThat(spec.maxSampleBytes()).isEqualTo(256 * 1024));
  }

  @Test
  void duplicateTopicsAndNonPositiveRatesAreRejected() {
    TopicLoad twist =
        new TopicLoad("/cmd_vel", HumanoidMessages.TWIST, 50, TrafficClass.CONTROL, 48);
    assertThatThrownBy(() -> new HumanoidProfile("dup", List.of(twist, twist)))
        .hasMessage("topics : /cmd_vel listed twice (expected: unique topic names)");
    assertThatThrownBy(() -> twist.withRate(0))
        .hasMessage("rateHz : 0.0 (expected: finite and > 0)");
  }
}
