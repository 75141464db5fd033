package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.core.routing.TopicRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions topic discovery drives: when a topic appears whose first matching rule is a
 * queued-class rule that needs discovery (a glob or regex match, or no {@code type}), the topic is
 * subscribed with the type discovery reports; when its last publisher vanishes it is released.
 *
 * <p>A rule's configured {@code type} must equal the discovered one; otherwise one warning line and
 * the topic stays unsubscribed. Exact rules with a type are subscribed at start and control rules
 * are relayed by the fast path; discovery leaves both alone. The handler of a topic is kept after
 * it vanishes, so a topic that comes back continues its per-topic sequence numbers.
 */
final class DiscoveredSubscriptions implements TopicDiscovery.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscoveredSubscriptions.class);

  /** Makes the sample handler for a discovered topic under its rule. */
  interface HandlerFactory {
    SampleHandler handlerFor(String topic, RosTypeName type, TopicRule rule);
  }

  private record HandlerKey(String topic, RosTypeName type) {}

  private final TopicRules rules;
  private final Bus bus;
  private final HandlerFactory handlers;
  private final Map<String, BusSubscription> active = new HashMap<>();
  private final Map<HandlerKey, SampleHandler> handlerCache = new HashMap<>();
  private boolean closed;

  DiscoveredSubscriptions(TopicRules rules, Bus bus, HandlerFactory handlers) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.handlers = Objects.requireNonNull(handlers, "handlers");
  }

  /** Whether any rule needs discovery: a pattern or missing type on a queued-class rule. */
  static boolean needed(List<TopicRule> rules) {
    return rules.stream().anyMatch(DiscoveredSubscriptions::drivenByDiscovery);
  }

  private static boolean drivenByDiscovery(TopicRule rule) {
    return rule.trafficClass() != TrafficClass.CONTROL
        && (!rule.match().isExact() || rule.type().isEmpty());
  }

  @Override
  public synchronized void topicAppeared(DiscoveredTopic topic) {
    if (closed || active.containsKey(topic.name())) {
      return;
    }
    Optional<TopicRule> match = rules.ruleFor(topic.name());
    if (match.isEmpty() || !drivenByDiscovery(match.get())) {
      return;
    }
    TopicRule rule = match.get();
    RosTypeName type = RosTypeName.parse(topic.type());
    if (rule.type().isPresent() && !rule.type().get().equals(type)) {
      log.warn(
          "rule {}: topic {} has type {} on the bus, the rule says {}; not subscribed",
          rule.match(),
          topic.name(),
          type,
          rule.type().get());
      return;
    }
    SampleHandler handler =
        handlerCache.computeIfAbsent(
            new HandlerKey(topic.name(), type), k -> handlers.handlerFor(k.topic(), type, rule));
    try {
      BusSubscription subscription =
          bus.subscribe(
              new SubscriptionSpec(topic.name(), type, rule.qos(), rule.maxSampleBytes()), handler);
      active.put(topic.name(), subscription);
      log.info(
          "rule {}: discovered {} ({}, {} publisher(s)), subscribed",
          rule.match(),
          topic.name(),
          type,
          topic.publishers());
    } catch (RuntimeException e) {
      log.warn(
          "rule {}: cannot subscribe to discovered {}: {}",
          rule.match(),
          topic.name(),
          e.toString());
    }
  }

  @Override
  public synchronized void topicVanished(DiscoveredTopic topic) {
    BusSubscription subscription = active.remove(topic.name());
    if (subscription != null) {
      subscription.close();
      log.info("{}: last publisher gone, subscription released", topic.name());
    }
  }

  /** The topics subscribed through discovery right now, sorted. */
  synchronized List<String> topics() {
    List<String> out = new ArrayList<>(active.keySet());
    out.sort(null);
    return out;
  }

  /** Releases every discovered subscription; later events are ignored. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    active.values().forEach(BusSubscription::close);
    active.clear();
  }
}
