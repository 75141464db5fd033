package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.SampleHandler;
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
 *
 * <p>A live reload ({@link #release}, then {@link #acquire}, with the new rules) re-evaluates every
 * topic discovery has reported and not seen vanish: topics whose rule is gone, or no longer driven
 * by discovery, are unsubscribed (after what was taken is in the pipeline); a changed rule takes
 * effect from the next sample; topics a new rule matches are subscribed at once.
 */
final class DiscoveredSubscriptions implements TopicDiscovery.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscoveredSubscriptions.class);

  /** Makes the sample handler for a discovered topic under its rule. */
  interface HandlerFactory {
    SampleHandler handlerFor(String topic, RosTypeName type, TopicRule rule);
  }

  private record HandlerKey(String topic, RosTypeName type) {}

  /** A topic's handler and the rule its route was built for. */
  private record Routed(RuleHandler handler, TopicRule rule) {}

  private TopicRules rules;
  private final Bus bus;
  private final HandlerFactory handlers;
  private final Map<String, DiscoveredTopic> known = new HashMap<>();
  private final Map<String, LiveSubscription> active = new HashMap<>();
  private final Map<HandlerKey, Routed> handlerCache = new HashMap<>();
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
    if (closed) {
      return;
    }
    known.put(topic.name(), topic);
    if (!active.containsKey(topic.name())) {
      subscribeIfRuled(topic);
    }
  }

  /** The rule of {@code topic} if discovery drives it and its type fits, else empty (logged). */
  private Optional<TopicRule> ruleOf(DiscoveredTopic topic, boolean warn) {
    Optional<TopicRule> match = rules.ruleFor(topic.name());
    if (match.isEmpty() || !drivenByDiscovery(match.get())) {
      return Optional.empty();
    }
    TopicRule rule = match.get();
    RosTypeName type = RosTypeName.parse(topic.type());
    if (rule.type().isPresent() && !rule.type().get().equals(type)) {
      if (warn) {
        log.warn(
            "rule {}: topic {} has type {} on the bus, the rule says {}; not subscribed",
            rule.match(),
            topic.name(),
            type,
            rule.type().get());
      }
      return Optional.empty();
    }
    return match;
  }

  private void subscribeIfRuled(DiscoveredTopic topic) {
    Optional<TopicRule> match = ruleOf(topic, true);
    if (match.isEmpty()) {
      return;
    }
    TopicRule rule = match.get();
    RosTypeName type = RosTypeName.parse(topic.type());
    HandlerKey key = new HandlerKey(topic.name(), type);
    Routed routed = handlerCache.get(key);
    if (routed == null) {
      routed = new Routed(new RuleHandler(handlers.handlerFor(topic.name(), type, rule)), rule);
    } else if (!routed.rule().equals(rule)) { // the rule was reloaded while the topic was gone
      routed.handler().route(handlers.handlerFor(topic.name(), type, rule));
      routed = new Routed(routed.handler(), rule);
    }
    handlerCache.put(key, routed);
    RuleHandler handler = routed.handler();
    try {
      active.put(topic.name(), LiveSubscription.open(bus, topic.name(), type, rule, handler));
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
    known.remove(topic.name());
    LiveSubscription subscription = active.remove(topic.name());
    if (subscription != null) {
      subscription.close();
      log.info("{}: last publisher gone, subscription released", topic.name());
    }
  }

  /**
   * Reload phase 1: takes {@code next} as the rules and unsubscribes the topics they no longer
   * subscribe through discovery.
   */
  synchronized void release(TopicRules next) {
    this.rules = next;
    for (var it = active.values().iterator(); it.hasNext(); ) {
      LiveSubscription s = it.next();
      DiscoveredTopic topic = known.get(s.topic());
      Optional<TopicRule> rule = topic == null ? Optional.empty() : ruleOf(topic, false);
      if (rule.isEmpty()) {
        s.close();
        it.remove();
        log.info(
            "{}: rule removed, unsubscribed; samples taken before are in the pipeline", s.topic());
      }
    }
  }

  /**
   * Reload phase 2: routes subscribed topics whose rule changed by the new rule (from the next
   * sample) and subscribes the known topics a rule now matches.
   */
  synchronized void acquire() {
    if (closed) {
      return;
    }
    for (DiscoveredTopic topic : List.copyOf(known.values())) {
      LiveSubscription s = active.get(topic.name());
      if (s == null) {
        subscribeIfRuled(topic);
        continue;
      }
      Optional<TopicRule> match = ruleOf(topic, false);
      if (match.isEmpty()) { // came back with another type between the two phases
        s.close();
        active.remove(topic.name());
        continue;
      }
      TopicRule rule = match.get();
      if (!rule.equals(s.rule())) {
        try {
          s.change(rule, handlers.handlerFor(topic.name(), s.type(), rule));
          handlerCache.put(new HandlerKey(topic.name(), s.type()), new Routed(s.handler(), rule));
        } catch (RuntimeException e) {
          log.warn("{}: cannot apply the reloaded rule: {}", topic.name(), e.toString());
        }
      }
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
    active.values().forEach(LiveSubscription::close);
    active.clear();
  }
}
