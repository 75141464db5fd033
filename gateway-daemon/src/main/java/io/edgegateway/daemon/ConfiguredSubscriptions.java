package io.edgegateway.daemon;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.SubscriptionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The telemetry subscriptions made at start: one per queued-class rule with an exact match and a
 * {@code type}. Control rules are relayed by {@link ControlRelays}; pattern rules and rules without
 * a type are subscribed when discovery reports a matching topic ({@link DiscoveryHookup}).
 */
final class ConfiguredSubscriptions implements AutoCloseable {
  private final List<BusSubscription> subscriptions;
  private final List<String> topics;

  private ConfiguredSubscriptions(List<BusSubscription> subscriptions, List<String> topics) {
    this.subscriptions = subscriptions;
    this.topics = topics;
  }

  /**
   * Subscribes every such rule on {@code bus}, in rule order.
   *
   * @throws IllegalArgumentException when a rule's sampler cannot be built
   */
  static ConfiguredSubscriptions subscribe(
      List<TopicRule> rules, Bus bus, TopicSamplers samplers, TelemetryHandlers handlers) {
    List<BusSubscription> subscriptions = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    for (TopicRule rule : rules) {
      if (rule.trafficClass() == TrafficClass.CONTROL
          || !rule.match().isExact()
          || rule.type().isEmpty()) {
        continue;
      }
      String topic = rule.match().toString();
      var sampler = samplers.configured(topic, rule);
      SubscriptionSpec spec =
          new SubscriptionSpec(topic, rule.type().get(), rule.qos(), rule.maxSampleBytes());
      subscriptions.add(
          bus.subscribe(spec, handlers.forTopic(topic, rule.type().get(), rule, sampler)));
      topics.add(topic);
    }
    return new ConfiguredSubscriptions(subscriptions, List.copyOf(topics));
  }

  /** The subscribed topics, in rule order. */
  List<String> topics() {
    return topics;
  }

  /** How many subscriptions were made. */
  int size() {
    return subscriptions.size();
  }

  @Override
  public void close() {
    subscriptions.forEach(BusSubscription::close);
  }
}
