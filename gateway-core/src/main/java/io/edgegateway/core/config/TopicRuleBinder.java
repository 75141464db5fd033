package io.edgegateway.core.config;

import static io.edgegateway.core.config.TopicRuleSchema.CLASS;
import static io.edgegateway.core.config.TopicRuleSchema.DEPTH;
import static io.edgegateway.core.config.TopicRuleSchema.HISTORY;
import static io.edgegateway.core.config.TopicRuleSchema.MATCH;
import static io.edgegateway.core.config.TopicRuleSchema.MAX_SAMPLE_BYTES;
import static io.edgegateway.core.config.TopicRuleSchema.MIRROR;
import static io.edgegateway.core.config.TopicRuleSchema.MIRROR_MAX_RATE_HZ;
import static io.edgegateway.core.config.TopicRuleSchema.PRIORITY;
import static io.edgegateway.core.config.TopicRuleSchema.QOS;
import static io.edgegateway.core.config.TopicRuleSchema.QOS_DURABILITY;
import static io.edgegateway.core.config.TopicRuleSchema.RELAY;
import static io.edgegateway.core.config.TopicRuleSchema.RELIABILITY;
import static io.edgegateway.core.config.TopicRuleSchema.SAMPLE;
import static io.edgegateway.core.config.TopicRuleSchema.STREAM;
import static io.edgegateway.core.config.TopicRuleSchema.TO_DOMAIN;
import static io.edgegateway.core.config.TopicRuleSchema.TO_TOPIC;
import static io.edgegateway.core.config.TopicRuleSchema.TYPE;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds one {@code ros2.topics[]} rule ({@link TopicRuleSchema}) to a {@link TopicRule}: its QoS
 * over the class defaults, relay and mirror, the rules that depend on the class, and that its
 * stream exists. The sample policy is bound by {@link SamplePolicyBinder}.
 */
final class TopicRuleBinder {
  private final BindContext context;
  private final ErrorCollector errors;
  private final SamplePolicyBinder samples;

  TopicRuleBinder(BindContext context) {
    this.context = context;
    this.errors = context.errors();
    this.samples = new SamplePolicyBinder(context);
  }

  /**
   * The rule; null when it had errors (all reported).
   *
   * @param domainId {@code ros2.domain_id}, which a relay must not target; null when invalid
   * @param streamNames the streams a rule may name; null when unknown (then not checked)
   */
  @Nullable TopicRule bind(
      MappingView.Element element, @Nullable Integer domainId, @Nullable Set<String> streamNames) {
    MappingView r = context.mapping(element, TopicRuleSchema.SECTION);
    if (!r.usable()) {
      return null;
    }
    TopicMatcher match = r.get(MATCH);
    RosTypeName type = r.get(TYPE);
    TrafficClass declared = r.get(CLASS);
    TrafficClass trafficClass = declared == null ? TrafficClass.TELEMETRY : declared;
    Qos qos = bindQos(r.section(QOS), trafficClass);
    SamplePolicy sample = samples.bind(r.section(SAMPLE), type);
    String stream = r.has(STREAM) ? r.get(STREAM) : TopicRuleSchema.defaultStream(trafficClass);
    Integer priority = r.get(PRIORITY);
    RelaySettings relay = r.has(RELAY) ? bindRelay(r.section(RELAY), match, domainId) : null;
    MirrorSettings mirror = r.has(MIRROR) ? bindMirror(r.section(MIRROR)) : null;
    Long maxSampleBytes = r.get(MAX_SAMPLE_BYTES);
    Boolean capture = r.get(TopicRuleSchema.CAPTURE);

    if (declared != null) {
      checkClassRules(r, declared);
    }
    if (UplinkSchema.INCIDENTS_STREAM.equals(stream)) {
      errors.report(
          r.has(STREAM) ? r.valuePos(STREAM) : r.anchor(),
          r.path(STREAM),
          "stream '"
              + stream
              + "' is reserved for the incident upload (capture); route the topic to another"
              + " stream, its incidents go there anyway");
    } else if (stream != null && streamNames != null && !streamNames.contains(stream)) {
      String which =
          r.has(STREAM)
              ? "stream '" + stream + "'"
              : "stream '" + stream + "' (default of class " + trafficClass.configName() + ")";
      errors.report(
          r.has(STREAM) ? r.valuePos(STREAM) : r.anchor(),
          r.path(STREAM),
          which
              + " is not defined in uplink.streams (defined: "
              + (streamNames.isEmpty() ? "none" : String.join(", ", streamNames))
              + ")");
    }
    return r.build(
        () ->
            new TopicRule(
                Objects.requireNonNull(match, "match"),
                Optional.ofNullable(type),
                trafficClass,
                Objects.requireNonNull(qos, "qos"),
                Objects.requireNonNull(sample, "sample"),
                Objects.requireNonNull(stream, "stream"),
                Objects.requireNonNull(priority, "priority"),
                Optional.ofNullable(relay),
                Optional.ofNullable(mirror),
                Math.toIntExact(Objects.requireNonNull(maxSampleBytes, "maxSampleBytes")),
                Objects.requireNonNull(capture, "capture")));
  }

  private void checkClassRules(MappingView r, TrafficClass trafficClass) {
    boolean control = trafficClass == TrafficClass.CONTROL;
    if (control && !r.has(RELAY)) {
      errors.report(
          r.anchor(),
          r.path(RELAY),
          "required for class control (set relay: {to_domain: N} or relay: {to_topic: /name})");
    }
    String notControl =
        "only allowed for class control (this rule is class " + trafficClass.configName() + ")";
    if (!control && r.has(RELAY)) {
      errors.report(r.keyPos(RELAY), r.path(RELAY), notControl);
    }
    if (!control && r.has(MIRROR)) {
      errors.report(r.keyPos(MIRROR), r.path(MIRROR), notControl);
    }
    if (control && r.has(SAMPLE)) {
      errors.report(
          r.keyPos(SAMPLE),
          r.path(SAMPLE),
          "not allowed for class control (control samples are relayed; use mirror.max_rate_hz"
              + " to sample the copy that is queued)");
    }
  }

  private @Nullable Qos bindQos(MappingView m, TrafficClass trafficClass) {
    Qos defaults = TopicRuleSchema.defaultQos(trafficClass);
    Qos.Reliability reliability = orElse(m.get(RELIABILITY), defaults.reliability());
    Qos.Durability durability = orElse(m.get(QOS_DURABILITY), defaults.durability());
    Qos.History history = orElse(m.get(HISTORY), defaults.history());
    Integer depth = orElse(m.get(DEPTH), defaults.depth());
    return m.build(() -> new Qos(reliability, durability, history, depth));
  }

  private @Nullable RelaySettings bindRelay(
      MappingView m, @Nullable TopicMatcher match, @Nullable Integer domainId) {
    Integer toDomain = m.get(TO_DOMAIN);
    String toTopic = m.get(TO_TOPIC);
    if (m.usable() && m.has(TO_DOMAIN) == m.has(TO_TOPIC) && m.unknownKeys() == 0) {
      errors.report(m.anchor(), m.path(), "expected exactly one of: to_domain, to_topic");
    }
    if (toDomain != null && toDomain.equals(domainId)) {
      errors.report(
          m.valuePos(TO_DOMAIN),
          m.path(TO_DOMAIN),
          "must differ from ros2.domain_id ("
              + domainId
              + "); relaying into the source domain would echo every sample");
    }
    if (toTopic != null && match != null) {
      if (!match.isExact()) {
        errors.report(
            m.valuePos(TO_TOPIC),
            m.path(TO_TOPIC),
            "needs a rule with an exact match, but match '" + match + "' matches many topics");
      } else if (match.toString().equals(toTopic)) {
        errors.report(
            m.valuePos(TO_TOPIC),
            m.path(TO_TOPIC),
            "must differ from the matched topic; relaying onto the source topic would echo"
                + " every sample");
      }
    }
    return m.build(
        () ->
            new RelaySettings(
                toDomain == null ? OptionalInt.empty() : OptionalInt.of(toDomain),
                Optional.ofNullable(toTopic)));
  }

  private @Nullable MirrorSettings bindMirror(MappingView m) {
    Double hz = m.get(MIRROR_MAX_RATE_HZ);
    return m.build(() -> new MirrorSettings(Objects.requireNonNull(hz, "maxRateHz")));
  }

  private static <T> T orElse(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }
}
