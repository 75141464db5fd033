package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code ros2.topics}: which topics it matches and what happens to their samples.
 *
 * <p>Control rules have a relay, may have a mirror and keep the default sample policy; other
 * classes have neither relay nor mirror.
 *
 * @param match topics the rule applies to
 * @param type ROS type; discovered from the bus when empty
 * @param trafficClass path the samples take
 * @param qos DDS QoS of the subscription
 * @param sample which samples go to the durable queue
 * @param stream stream the samples (for control: the mirror copies) go to
 * @param priority queue priority 0 (evicted first) .. 9
 * @param relay fast-path relay, present exactly for control rules
 * @param mirror sampled copy of a control topic into {@code stream}
 * @param maxSampleBytes largest sample accepted, 64 B .. 64 MiB
 * @param capture whether the capture ring keeps its samples (queued classes; {@code capture: false}
 *     opts out)
 */
public record TopicRule(
    TopicMatcher match,
    Optional<RosTypeName> type,
    TrafficClass trafficClass,
    Qos qos,
    SamplePolicy sample,
    String stream,
    int priority,
    Optional<RelaySettings> relay,
    Optional<MirrorSettings> mirror,
    int maxSampleBytes,
    boolean capture) {

  public TopicRule {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(trafficClass, "trafficClass");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(sample, "sample");
    TopicRuleSchema.STREAM.check(stream);
    TopicRuleSchema.PRIORITY.check(priority);
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(mirror, "mirror");
    TopicRuleSchema.MAX_SAMPLE_BYTES.check((long) maxSampleBytes);
    boolean control = trafficClass == TrafficClass.CONTROL;
    if (control != relay.isPresent()) {
      throw new IllegalArgumentException(
          "relay : " + relay + " (expected: present exactly for class control)");
    }
    if (!control && mirror.isPresent()) {
      throw new IllegalArgumentException(
          "mirror : " + mirror + " (expected: only for class control)");
    }
    if (control && !(sample instanceof SamplePolicy.KeepAll)) {
      throw new IllegalArgumentException(
          "sample : " + sample + " (expected: keep_all for class control; use mirror)");
    }
    if (relay.isPresent() && relay.get().toTopic().isPresent() && !match.isExact()) {
      throw new IllegalArgumentException(
          "relay.to_topic : " + relay.get().toTopic().get() + " (expected: an exact match)");
    }
    if (relay.isPresent() && relay.get().toTopic().equals(Optional.of(match.toString()))) {
      throw new IllegalArgumentException(
          "relay.to_topic : " + match + " (expected: a topic other than the matched one)");
    }
  }

  /** A rule whose samples the capture ring keeps (when capture is on and it is not control). */
  public TopicRule(
      TopicMatcher match,
      Optional<RosTypeName> type,
      TrafficClass trafficClass,
      Qos qos,
      SamplePolicy sample,
      String stream,
      int priority,
      Optional<RelaySettings> relay,
      Optional<MirrorSettings> mirror,
      int maxSampleBytes) {
    this(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        true);
  }

  /** This rule with {@code capture}. */
  public TopicRule withCapture(boolean capture) {
    return new TopicRule(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        capture);
  }

  /**
   * A rule of a queued class (telemetry, perception, diagnostics) with the class defaults: default
   * QoS, keep all, default stream, priority 5, default max sample size, no type. Change it with the
   * {@code with*} methods.
   */
  public static TopicRule of(TopicMatcher match, TrafficClass trafficClass) {
    if (trafficClass == TrafficClass.CONTROL) {
      throw new IllegalArgumentException(
          "trafficClass : control (expected: telemetry, perception or diagnostics; use control())");
    }
    return withDefaults(match, trafficClass, Optional.empty());
  }

  /** A control rule with the control defaults, relayed by {@code relay}, without mirror. */
  public static TopicRule control(TopicMatcher match, RelaySettings relay) {
    return withDefaults(match, TrafficClass.CONTROL, Optional.of(relay));
  }

  private static TopicRule withDefaults(
      TopicMatcher match, TrafficClass trafficClass, Optional<RelaySettings> relay) {
    return new TopicRule(
        match,
        Optional.empty(),
        trafficClass,
        TopicRuleSchema.defaultQos(trafficClass),
        SamplePolicy.keepAll(),
        TopicRuleSchema.defaultStream(trafficClass),
        TopicRuleSchema.PRIORITY.defaultOrThrow(),
        relay,
        Optional.empty(),
        Math.toIntExact(TopicRuleSchema.MAX_SAMPLE_BYTES.defaultOrThrow()),
        true);
  }

  /** This rule with {@code mirror} (class control only). */
  public TopicRule withMirror(MirrorSettings mirror) {
    return new TopicRule(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        Optional.of(mirror),
        maxSampleBytes,
        capture);
  }

  /** This rule with {@code type}. */
  public TopicRule withType(RosTypeName type) {
    return new TopicRule(
        match,
        Optional.of(type),
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        capture);
  }

  /** This rule with {@code sample}. */
  public TopicRule withSample(SamplePolicy sample) {
    return new TopicRule(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        capture);
  }

  /** This rule with {@code priority}. */
  public TopicRule withPriority(int priority) {
    return new TopicRule(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        capture);
  }

  /** This rule with {@code stream}. */
  public TopicRule withStream(String stream) {
    return new TopicRule(
        match,
        type,
        trafficClass,
        qos,
        sample,
        stream,
        priority,
        relay,
        mirror,
        maxSampleBytes,
        capture);
  }
}
