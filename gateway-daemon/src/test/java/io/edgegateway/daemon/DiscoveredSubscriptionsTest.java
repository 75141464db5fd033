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
  private final List<Integer> prioritiesRouted = new ArrayList<>();

  private DiscoveredSubscriptions subscriptions(TopicRule... rules) {
    return new DiscoveredSubscriptions(
        new TopicRules(List.of(rules)),
        bus,
        (topic, type, rule) -> {
          handlersMade.add(topic + " " + type);
          prioritiesRouted.add(rule.priority());
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

  private static void reload(DiscoveredSubscriptions s, TopicRule... rules) {
    s.release(new TopicRules(List.of(rules)));
    s.acquire();
  }

  @Test
  void aReloadedPatternRule_subscribesTopicsDiscoveredBefore() {
    var s = subscriptions(rule("/cam/*"));
    s.topicAppeared(topic("/imu/torso", IMU));
    assertThat(bus.subscribed).isEmpty();

    reload(s, rule("/cam/*"), rule("/imu/*"));

    assertThat(bus.subscribed).extracting(SubscriptionSpec::topic).containsExactly("/imu/torso");
    assertThat(s.topics()).containsExactly("/imu/torso");
  }

  @Test
  void aRemovedRule_releasesItsTopicsAndLeavesTheOthers() {
    var s = subscriptions(rule("/imu/*"), rule("/cam/*"));
    s.topicAppeared(topic("/imu/torso", IMU));
    s.topicAppeared(topic("/cam/front", STRING));

    reload(s, rule("/cam/*"));

    assertThat(bus.closed).containsExactly("/imu/torso");
    assertThat(bus.subscribed).hasSize(2);
    assertThat(s.topics()).containsExactly("/cam/front");
  }

  @Test
  void aChangedPriority_routesTheSameSubscriptionFromTheNextSample() {
    var s = subscriptions(rule("/imu/*"));
    s.topicAppeared(topic("/imu/torso", IMU));

    reload(s, rule("/imu/*").withPriority(8));

    assertThat(bus.subscribed).hasSize(1);
    assertThat(bus.closed).isEmpty();
    assertThat(prioritiesRouted).containsExactly(5, 8);
  }

  @Test
  void aChangedQos_subscribesAgainWithTheSameHandler() {
    TopicRule before = rule("/imu/*");
    var s = subscriptions(before);
    s.topicAppeared(topic("/imu/torso", IMU));
    TopicRule after =
        new TopicRule(
            before.match(),
            before.type(),
            before.trafficClass(),
            new io.edgegateway.core.port.Qos(
                io.edgegateway.core.port.Qos.Reliability.RELIABLE,
                io.edgegateway.core.port.Qos.Durability.VOLATILE,
                io.edgegateway.core.port.Qos.History.KEEP_LAST,
                50),
            before.sample(),
            before.stream(),
            before.priority(),
            before.relay(),
            before.mirror(),
            before.maxSampleBytes());

    reload(s, after);

    assertThat(bus.closed).containsExactly("/imu/torso");
    assertThat(bus.subscribed).hasSize(2);
    assertThat(bus.subscribed.get(1).qos().depth()).isEqualTo(50);
    assertThat(bus.handlers.get(1)).isSameAs(bus.handlers.get(0));
  }

  @Test
  void aTopicThatComesBackAfterAReload_getsTheReloadedRule() {
    var s = subscriptions(rule("/imu/*"));
    s.topicAppeared(topic("/imu/torso", IMU));
    s.topicVanished(topic("/imu/torso", IMU));

    reload(s, rule("/imu/*").withPriority(2));
    s.topicAppeared(topic("/imu/torso", IMU));

    assertThat(prioritiesRouted).containsExactly(5, 2);
    assertThat(bus.handlers.get(1)).isSameAs(bus.handlers.get(0));
  }
}
