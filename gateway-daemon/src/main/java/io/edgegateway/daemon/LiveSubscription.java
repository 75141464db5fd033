package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One telemetry topic subscribed on the bus under a rule, which a live reload can change: a new
 * sampler, priority or stream takes effect from the next sample ({@link RuleHandler}); a new QoS or
 * {@code max_sample_bytes} needs a new DDS reader, so the topic is subscribed again (samples
 * published in between are not received; none received is lost). Not thread-safe: its owner
 * serialises calls.
 */
final class LiveSubscription implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveSubscription.class);
  private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Bus bus;
  private final String topic;
  private final RosTypeName type;
  private final RuleHandler handler;
  private TopicRule rule;
  private BusSubscription subscription;

  private LiveSubscription(
      Bus bus, String topic, RosTypeName type, TopicRule rule, RuleHandler handler) {
    this.bus = bus;
    this.topic = topic;
    this.type = type;
    this.rule = rule;
    this.handler = handler;
    this.subscription = bus.subscribe(spec(rule), handler);
  }

  /**
   * Subscribes {@code topic} of {@code type} under {@code rule}, its samples going to {@code
   * handler}.
   *
   * @throws RuntimeException when the bus refuses the subscription
   */
  static LiveSubscription open(
      Bus bus, String topic, RosTypeName type, TopicRule rule, RuleHandler handler) {
    return new LiveSubscription(bus, topic, type, rule, handler);
  }

  private SubscriptionSpec spec(TopicRule r) {
    return new SubscriptionSpec(topic, type, r.qos(), r.maxSampleBytes());
  }

  String topic() {
    return topic;
  }

  RosTypeName type() {
    return type;
  }

  TopicRule rule() {
    return rule;
  }

  /** The handler the bus calls, for a subscription made again with the same route. */
  RuleHandler handler() {
    return handler;
  }

  /**
   * Puts the subscription under {@code next}, its samples from now on going to {@code routed}
   * (built for {@code next}).
   */
  void change(TopicRule next, SampleHandler routed) {
    boolean newReader =
        !next.qos().equals(rule.qos()) || next.maxSampleBytes() != rule.maxSampleBytes();
    if (newReader) {
      close();
      handler.route(routed);
      subscription = bus.subscribe(spec(next), handler);
    } else {
      handler.route(routed);
    }
    log.info(
        "{}: rule changed (sample {}, stream {}, priority {}){}",
        topic,
        next.sample(),
        next.stream(),
        next.priority(),
        newReader ? ", subscribed again for the new QoS" : "");
    rule = next;
  }

  /**
   * Stops delivery, then waits (at most 2 s) until every sample the bus had already handed over is
   * in the pipeline's intake. Idempotent.
   */
  @Override
  public void close() {
    subscription.close();
    if (!handler.drain(DRAIN_TIMEOUT_NANOS)) {
      log.warn("{}: a sample was still being handed over 2 s after unsubscribing", topic);
    }
  }
}
