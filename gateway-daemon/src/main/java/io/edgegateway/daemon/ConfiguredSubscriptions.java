package io.edgegateway.daemon;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry subscriptions of the rules that name their topic: one per queued-class rule with an
 * exact match and a {@code type} (the first such rule per topic). Control rules are relayed by
 * {@link ControlRelays}; pattern rules and rules without a type are subscribed when discovery
 * reports a matching topic ({@link DiscoveryHookup}).
 *
 * <p>A live reload applies new rules in two phases, so that a topic moving between this class and
 * discovery is never subscribed twice: {@link #release} unsubscribes the topics the new rules no
 * longer name (after draining what was already taken), {@link #acquire} changes the routes of
 * changed rules (from the next sample) and subscribes the new ones. Calls are serialised by the
 * reload thread; {@link #topics} may be read from any thread.
 */
final class ConfiguredSubscriptions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredSubscriptions.class);

  private final Bus bus;
  private final TopicSamplers samplers;
  private final TelemetryHandlers handlers;
  private final Map<String, LiveSubscription> active = new LinkedHashMap<>();
  private volatile List<String> topics = List.of();

  private ConfiguredSubscriptions(Bus bus, TopicSamplers samplers, TelemetryHandlers handlers) {
    this.bus = bus;
    this.samplers = samplers;
    this.handlers = handlers;
  }

  /**
   * Subscribes every such rule on {@code bus}, in rule order.
   *
   * @throws IllegalArgumentException when a rule's sampler cannot be built
   */
  static ConfiguredSubscriptions subscribe(
      List<TopicRule> rules, Bus bus, TopicSamplers samplers, TelemetryHandlers handlers) {
    ConfiguredSubscriptions s = new ConfiguredSubscriptions(bus, samplers, handlers);
    Map<String, Sampler> built = s.samplersFor(rules);
    for (Map.Entry<String, TopicRule> e : named(rules).entrySet()) {
      s.open(e.getValue(), samplerOf(built, e.getKey()));
    }
    s.publishTopics();
    return s;
  }

  /** The sampler {@link #samplersFor} built for {@code topic}; every named topic has one. */
  private static Sampler samplerOf(Map<String, Sampler> built, String topic) {
    return Objects.requireNonNull(built.get(topic), () -> "no sampler built for " + topic);
  }

  /** The first queued-class rule with an exact match and a type, per topic, in rule order. */
  static Map<String, TopicRule> named(List<TopicRule> rules) {
    Map<String, TopicRule> out = new LinkedHashMap<>();
    for (TopicRule rule : rules) {
      if (rule.trafficClass() != TrafficClass.CONTROL
          && rule.match().isExact()
          && rule.type().isPresent()) {
        out.putIfAbsent(rule.match().toString(), rule);
      }
    }
    return out;
  }

  /**
   * The sampler of every topic the rules name, built before anything changes: a sampler that cannot
   * be built fails the whole start or reload.
   *
   * @throws IllegalArgumentException when a rule's sampler cannot be built
   */
  Map<String, Sampler> samplersFor(List<TopicRule> rules) {
    Map<String, Sampler> out = new LinkedHashMap<>();
    named(rules).forEach((topic, rule) -> out.put(topic, samplers.configured(topic, rule)));
    return out;
  }

  private void open(TopicRule rule, Sampler sampler) {
    String topic = rule.match().toString();
    var type = rule.type().orElseThrow();
    RuleHandler handler = new RuleHandler(handlers.forTopic(topic, type, rule, sampler));
    active.put(topic, LiveSubscription.open(bus, topic, type, rule, handler));
  }

  /**
   * Reload phase 1: unsubscribes every topic {@code rules} no longer name, or name with another
   * type, once what the bus already handed over is in the pipeline.
   */
  void release(List<TopicRule> rules) {
    Map<String, TopicRule> next = named(rules);
    for (var it = active.values().iterator(); it.hasNext(); ) {
      LiveSubscription s = it.next();
      TopicRule rule = next.get(s.topic());
      if (rule == null || !rule.type().orElseThrow().equals(s.type())) {
        s.close();
        it.remove();
        log.info(
            "{}: rule removed, unsubscribed; samples taken before are in the pipeline", s.topic());
      }
    }
    publishTopics();
  }

  /**
   * Reload phase 2: changes the routes of changed rules (from the next sample) and subscribes the
   * topics new rules name; a topic the bus refuses stays unsubscribed (one WARN line).
   *
   * @param built the samplers from {@link #samplersFor} of the same rules
   */
  void acquire(List<TopicRule> rules, Map<String, Sampler> built) {
    for (Map.Entry<String, TopicRule> e : named(rules).entrySet()) {
      String topic = e.getKey();
      TopicRule rule = e.getValue();
      LiveSubscription s = active.get(topic);
      try {
        if (s == null) {
          open(rule, samplerOf(built, topic));
          log.info("{}: rule added, subscribed ({})", topic, rule.type().orElseThrow());
        } else if (!s.rule().equals(rule)) {
          s.change(rule, handlers.forTopic(topic, s.type(), rule, samplerOf(built, topic)));
        }
      } catch (RuntimeException ex) {
        log.warn("{}: cannot apply the reloaded rule: {}", topic, ex.toString());
      }
    }
    publishTopics();
  }

  private void publishTopics() {
    topics = List.copyOf(new ArrayList<>(active.keySet()));
  }

  /** The subscribed topics, in rule order. */
  List<String> topics() {
    return topics;
  }

  /** How many subscriptions there are. */
  int size() {
    return topics.size();
  }

  @Override
  public void close() {
    active.values().forEach(LiveSubscription::close);
  }
}
