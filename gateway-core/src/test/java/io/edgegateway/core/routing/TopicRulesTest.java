package io.edgegateway.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.RelaySettings;
import io.edgegateway.core.config.TopicRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRulesTest {
  private final TopicRule torso =
      TopicRule.of(TopicMatcher.parse("/imu/torso"), TrafficClass.TELEMETRY).withPriority(9);
  private final TopicRule imu =
      TopicRule.of(TopicMatcher.parse("/imu/*"), TrafficClass.TELEMETRY).withPriority(1);
  private final TopicRule control =
      TopicRule.control(TopicMatcher.parse("re:/cmd_.*"), RelaySettings.toDomain(3));
  private final TopicRules rules = new TopicRules(List.of(torso, imu, control));

  @Test
  void firstMatchingRuleWins() {
    assertThat(rules.ruleFor("/imu/torso")).containsSame(torso);
    assertThat(rules.ruleFor("/imu/pelvis")).containsSame(imu);
    assertThat(rules.ruleFor("/cmd_vel")).containsSame(control);
  }

  @Test
  void unmatchedTopicsHaveNoRule() {
    assertThat(rules.ruleFor("/camera/head/compressed")).isEmpty();
    assertThat(new TopicRules(List.of()).ruleFor("/imu/torso")).isEmpty();
  }

  @Test
  void keepsRulesInOrder() {
    assertThat(rules.rules()).containsExactly(torso, imu, control);
    assertThat(rules.size()).isEqualTo(3);
  }
}
