package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgegateway.core.config.Ros2Distro;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.ros2.msg.TypeHash;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A discovered publisher whose announced type hash differs from the gateway's definition is counted
 * per topic; matching, absent or uncheckable hashes are not; every event is passed on.
 */
class TypeHashCheckTest {
  private static final String RANGE = "sensor_msgs/msg/Range";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<String> passedOn = new ArrayList<>();
  private final TopicDiscovery.Listener next =
      new TopicDiscovery.Listener() {
        @Override
        public void topicAppeared(DiscoveredTopic topic) {
          passedOn.add("+" + topic.name());
        }

        @Override
        public void topicVanished(DiscoveredTopic topic) {
          passedOn.add("-" + topic.name());
        }
      };

  @Test
  void aJazzyPublisherSeenByAHumbleGatewayIsAMismatchCountedPerTopic() {
    assumeTrue(
        MessageRegistry.bundledDistros().contains(Ros2Distro.HUMBLE),
        "this build has no per-distribution definitions (built without npm: gateway-ros2-bridge/src/tools/bundle-msgdefs.sh)");
    String jazzyRange = TypeHash.of(MessageRegistry.bundled(Ros2Distro.JAZZY), RANGE);
    TypeHashCheck check =
        new TypeHashCheck(MessageRegistry.bundled(Ros2Distro.HUMBLE), meters, next);

    check.topicAppeared(topic("/sonar", RANGE, jazzyRange));
    check.topicVanished(topic("/sonar", RANGE, jazzyRange));
    check.topicAppeared(topic("/sonar", RANGE, jazzyRange));
    check.topicAppeared(topic("/sonar2", RANGE, jazzyRange));

    assertThat(mismatches("/sonar")).isEqualTo(2.0);
    assertThat(mismatches("/sonar2")).isEqualTo(1.0);
    assertThat(passedOn).containsExactly("+/sonar", "-/sonar", "+/sonar", "+/sonar2");
  }

  @Test
  void matchingAbsentAndUncheckableHashesAreNotMismatches() {
    MessageRegistry jazzy = MessageRegistry.bundled();
    TypeHashCheck check = new TypeHashCheck(jazzy, meters, next);
    String string = "std_msgs/msg/String";

    assertThat(check.check(topic("/chatter", string, TypeHash.of(jazzy, string)))).isFalse();
    assertThat(check.check(new DiscoveredTopic("/chatter", string, 1, true))).isFalse();
    assertThat(check.check(topic("/site", "g1_msgs/msg/Motor", "RIHS01_00"))).isFalse();
    assertThat(check.check(topic("/chatter", string, "RIHS01_00"))).isTrue();
    assertThat(meters.find("gateway.ros2.type.hash.mismatches").counters()).hasSize(1);
  }

  private static DiscoveredTopic topic(String name, String type, String hash) {
    return new DiscoveredTopic(name, type, 1, true, Optional.of(hash));
  }

  private double mismatches(String topic) {
    return meters.get("gateway.ros2.type.hash.mismatches").tag("topic", topic).counter().count();
  }
}
