package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.TrafficClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void gatewayExampleIsValid() {
    ConfigResult result =
        ConfigLoader.load(RepoFiles.root().resolve("config/gateway.yaml"), NO_ENV::get);

    assertThat(result.formattedErrors()).isEmpty();
    GatewayConfig config = result.orElseThrow();
    assertThat(config.gateway().robotId()).isEqualTo("hx-0042");
    assertThat(config.ros2().topicRules().ruleFor("/ft/left_wrist")).isPresent();
    assertThat(config.ros2().topicRules().ruleFor("/cmd_vel").orElseThrow().trafficClass())
        .isEqualTo(TrafficClass.CONTROL);
  }

  @Test
  void demoConfigIsValidAndMatchesTheHumanoidProfile() {
    ConfigResult result =
        ConfigLoader.load(RepoFiles.root().resolve("config/demo.yaml"), NO_ENV::get);

    assertThat(result.formattedErrors()).isEmpty();
    GatewayConfig config = result.orElseThrow();
    assertThat(config.gateway().robotId()).isEqualTo("demo-humanoid");
    assertThat(config.ros2().domainId()).isEqualTo(42);
    assertThat(config.buffer().maxBytes()).isEqualTo(512L << 20);
    assertThat(config.http().bind()).isEqualTo("127.0.0.1:9464");
    var rules = config.ros2().topicRules();
    for (String topic :
        new String[] {
          "/joint_states", "/imu/torso", "/imu/pelvis", "/ft/left_wrist", "/ft/right_ankle"
        }) {
      TopicRule rule = rules.ruleFor(topic).orElseThrow();
      assertThat(rule.trafficClass()).as(topic).isEqualTo(TrafficClass.TELEMETRY);
      assertThat(rule.sample()).as(topic).isEqualTo(new SamplePolicy.KeepAll());
      assertThat(rule.priority()).as(topic).isEqualTo(5);
    }
    TopicRule camera = rules.ruleFor("/camera/head/compressed").orElseThrow();
    assertThat(camera.trafficClass()).isEqualTo(TrafficClass.PERCEPTION);
    assertThat(camera.sample()).isEqualTo(new SamplePolicy.MaxRate(1));
    assertThat(camera.priority()).isEqualTo(2);
    assertThat(camera.maxSampleBytes()).isEqualTo(256 * 1024);
    assertThat(rules.ruleFor("/diagnostics").orElseThrow().priority()).isEqualTo(7);
    String[] humanoidTelemetryTopics = {
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
      "/diagnostics"
    };
    for (String topic : humanoidTelemetryTopics) {
      TopicRule rule = rules.ruleFor(topic).orElseThrow();
      assertThat(rule.match().isExact()).as(topic).isTrue();
    }
    assertThat(rules.rules()).allSatisfy(rule -> assertThat(rule.type()).isPresent());
  }
}
