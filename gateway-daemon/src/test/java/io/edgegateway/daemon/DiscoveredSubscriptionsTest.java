package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.routing.TopicMatcher;
import io.edgegateway.core.routing.TopicRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DiscoveredSubscriptions} against a recording bus: which discovered topics it takes. */
class DiscoveredSubscriptionsTest {
  private static final RosTypeName IMU = RosTypeName.parse("sensor_msgs/msg/Imu");
  private static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");

  /** Records subscriptions; each handle records its own close. */
  private static final class RecordingBus implements Bus {
    final List<SubscriptionSpec> subscribed = new ArrayList<>();
    final List<SampleHandler> handlers = new ArrayList<>();
    final List<String> closed = new ArrayList<>();

    @Override
    public BusSubscription subscribe(SubscriptionSpec spec, SampleHandler handler) {
      subscribed.add(spec);
      handlers.add(handler);
      return new BusSubscription() {
        @Override
        public String topic() {
          return spec.topic();
        }

        @Override
        public void close() {
          closed.add(spec.topic());
        }
      };
    }

    @Override
    public BusPublisher publisher(SubscriptionSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean joined() {
      return true;
    }

    @Override
    public void close() {}
  }

  private final RecordingBus bus = new RecordingBus();
  private final List<String> handlersMade = new ArrayList<>();

  private DiscoveredSubscriptions subscriptions(TopicRule... rules) {
    return new DiscoveredSubscriptions(
        new TopicRules(List.of(rules)),
        bus,
        (topic, type, rule) -> {
          handlersMade.add(topic + " " + type);
          return (stamp, payload) -> {};
        });
  }

  private static TopicRule rule(String match) {
    return TopicRule.of(TopicMatcher.parse(match), TrafficClass.TELEMETRY);
  }

  private static DiscoveredTopic topic(String name, RosTypeName type) {
    return new DiscoveredTopic(name, type.toString(), 1, true);
  }

  @Test
  void patternRuleSubscribesWithTheDiscoveredTypeAndReleasesOnVanish() {
    var s = subscriptions(rule("/imu/*").withPriority(7));
    s.topicAppeared(topic("/imu/torso", IMU));
    assertThat(bus.subscribed)
        .singleElement()
        .satisfies(
            spec -> {
              assertThat(spec.topic()).isEqualTo("/imu/torso");
              assertThat(spec.type()).isEqualTo(IMU);
            });
    assertThat(s.topics()).containsExactly("/imu/torso");

    s.topicVanished(topic("/imu/torso", IMU));
    assertThat(bus.closed).containsExactly("/imu/torso");
    assertThat(s.topics()).isEmpty();
  }

  @Test
  void reappearingTopicReusesItsHandler() {
    var s = subscriptions(rule("/imu/*"));
    s.topicAppeared(topic("/imu/torso", IMU));
    s.topicVanished(topic("/imu/torso", IMU));
    s.topicAppeared(topic("/imu/torso", IMU));
    assertThat(bus.subscribed).hasSize(2);
    assertThat(handlersMade).containsExactly("/imu/torso sensor_msgs/msg/Imu");
    assertThat(bus.handlers.get(1)).isSameAs(bus.handlers.get(0));
  }

  @Test
  void configuredTypeMustMatchTheDiscoveredOne() {
    var s = subscriptions(rule("/imu/*").withType(IMU));
    s.topicAppeared(topic("/imu/left", STRING));
    s.topicAppeared(topic("/imu/right", IMU));
    assertThat(bus.subscribed).extracting(SubscriptionSpec::topic).containsExactly("/imu/right");
  }

  @Test
  void exactRulesWithTypeAndUnmatchedTopicsAreLeftAlone() {
    var s = subscriptions(rule("/joint_states").withType(STRING), rule("/cam/**"));
    s.topicAppeared(topic("/joint_states", STRING));
    s.topicAppeared(topic("/other", STRING));
    assertThat(bus.subscribed).isEmpty();
    assertThat(DiscoveredSubscriptions.needed(List.of(rule("/joint_states").withType(STRING))))
        .isFalse();
    assertThat(DiscoveredSubscriptions.needed(List.of(rule("/joint_states")))).isTrue();
  }

  @Test
  void firstMatchingRuleDecidesEvenWhenItIsStatic() {
    var s = subscriptions(rule("/imu/torso").withType(IMU), rule("/imu/*"));
    s.topicAppeared(topic("/imu/torso", IMU));
    s.topicAppeared(topic("/imu/head", IMU));
    assertThat(bus.subscribed).extracting(SubscriptionSpec::topic).containsExactly("/imu/head");
  }

  @Test
  void closeReleasesEverythingAndIgnoresLaterEvents() {
    var s = subscriptions(rule("/imu/*"));
    s.topicAppeared(topic("/imu/a", IMU));
    s.close();
    s.topicAppeared(topic("/imu/b", IMU));
    assertThat(bus.closed).containsExactly("/imu/a");
    assertThat(bus.subscribed).hasSize(1);
  }
}
