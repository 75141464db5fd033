package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The keys of one {@code ros2.topics[]} rule and its nested {@code qos}, {@code sample}, {@code
 * relay} and {@code mirror} mappings, with the defaults that depend on the rule's class.
 */
final class TopicRuleSchema {
  private TopicRuleSchema() {}

  // ---- class-dependent defaults ----

  /**
   * History depth of a telemetry rule that gives none: samples a reader holds between their arrival
   * and the listener taking them. humanoid-1's fastest telemetry topics run at 1 kHz
   * (shared/LOAD-PROFILE.md), 10 kHz at ×10, and a publisher catching up sends bursts of tens of
   * samples; 100 holds a 64-sample burst plus a 3.6 ms listener stall at 10 kHz (100 ms at 1 kHz),
   * where Fast-DDS's usual 10 is one millisecond at 10 kHz. Memory is not reserved for all of them
   * up front (see the ros2 bridge's reader attributes).
   */
  static final int TELEMETRY_DEPTH = 100;

  /**
   * QoS of a rule that gives none, by class: control is reliable (keep last 10); telemetry best
   * effort keep last {@value #TELEMETRY_DEPTH}; perception and diagnostics (≤ 30 Hz) best effort
   * keep last 10.
   */
  static Qos defaultQos(TrafficClass trafficClass) {
    return switch (trafficClass) {
      case CONTROL -> Qos.controlDefault();
      case TELEMETRY ->
          new Qos(
              Qos.Reliability.BEST_EFFORT,
              Qos.Durability.VOLATILE,
              Qos.History.KEEP_LAST,
              TELEMETRY_DEPTH);
      default -> Qos.telemetryDefault();
    };
  }

  /**
   * Stream of a rule that names none, by class. Control samples are relayed, not queued; the stream
   * of a control rule receives its mirror copies.
   */
  static String defaultStream(TrafficClass trafficClass) {
    switch (trafficClass) {
      case PERCEPTION:
        return "perception";
      case DIAGNOSTICS:
        return "diagnostics";
      case CONTROL:
      case TELEMETRY:
      default:
        return "telemetry";
    }
  }

  // ---- keys ----

  static final Key<Qos.Reliability> RELIABILITY =
      Key.derived(
          "reliability",
          ValueType.enumOf(Qos.Reliability.class),
          byClass(c -> ValueType.configName(defaultQos(c).reliability())),
          "DDS reliability of the subscription.");
  static final Key<Qos.Durability> QOS_DURABILITY =
      Key.derived(
          "durability",
          ValueType.enumOf(Qos.Durability.class),
          byClass(c -> ValueType.configName(defaultQos(c).durability())),
          "DDS durability of the subscription.");
  static final Key<Qos.History> HISTORY =
      Key.derived(
          "history",
          ValueType.enumOf(Qos.History.class),
          byClass(c -> ValueType.configName(defaultQos(c).history())),
          "DDS history kind of the subscription.");
  static final Key<Integer> DEPTH =
      Key.derived(
          "depth",
          ValueType.integer(1, 10_000),
          byClass(c -> String.valueOf(defaultQos(c).depth())),
          "DDS history depth (used with `keep_last`).");
  static final Section QOS_SECTION =
      Section.of(
          "ros2.topics[].qos",
          "DDS quality of service. Keys left out keep the default of the rule's class.",
          RELIABILITY,
          QOS_DURABILITY,
          HISTORY,
          DEPTH);

  static final Key<String> ON_CHANGE_FIELD =
      Key.required(
          "field",
          ValueType.matching(
              ConfigSchema.FIELD_PATH_PATTERN,
              "a field path like position[3] or linear.x",
              "field path"),
          "Field of the message to watch, e.g. `position[3]` or `linear.x`.");
  static final Key<Double> DEADBAND =
      Key.withDefault(
          "deadband",
          ValueType.nonNegativeNumber(),
          "0",
          "A sample is kept when the field moved by more than this since the last kept sample.");
  static final Section ON_CHANGE_SECTION =
      Section.of(
          "ros2.topics[].sample.on_change",
          "Keep a sample only when a numeric field changed by more than a deadband.",
          ON_CHANGE_FIELD,
          DEADBAND);
  static final Key<Boolean> KEEP_ALL =
      Key.optional("keep_all", ValueType.trueOnly(), "Keep every sample (`keep_all: true`).");
  static final Key<Double> SAMPLE_MAX_RATE_HZ =
      Key.optional(
          "max_rate_hz", ValueType.positiveNumber(), "Keep at most this many samples per second.");
  static final Key<Integer> EVERY_NTH =
      Key.optional(
          "every_nth", ValueType.integer(1, Integer.MAX_VALUE), "Keep one sample out of every N.");
  static final Key<Void> ON_CHANGE =
      Key.section("on_change", ON_CHANGE_SECTION, "—", "Keep samples whose field changed.");
  static final Section SAMPLE_SECTION =
      Section.of(
          "ros2.topics[].sample",
          "Which samples go to the durable queue. Exactly one key.",
          KEEP_ALL,
          SAMPLE_MAX_RATE_HZ,
          EVERY_NTH,
          ON_CHANGE);

  static final Key<Integer> TO_DOMAIN =
      Key.optional(
          "to_domain",
          ValueType.integer(0, ConfigSchema.MAX_DOMAIN_ID),
          "Republish on the same topic in this DDS domain (not `ros2.domain_id`).");
  static final Key<String> TO_TOPIC =
      Key.optional(
          "to_topic",
          ValueType.topicName(),
          "Republish in the same domain on this topic; needs an exact `match`.");
  static final Section RELAY_SECTION =
      Section.of(
          "ros2.topics[].relay",
          "Fast-path relay of a control topic. Exactly one key.",
          TO_DOMAIN,
          TO_TOPIC);

  static final Key<Double> MIRROR_MAX_RATE_HZ =
      Key.required(
          "max_rate_hz",
          ValueType.positiveNumber(),
          "Rate of the copies offered to the rule's stream; copies are dropped (and counted) when"
              + " the telemetry path is full.");
  static final Section MIRROR_SECTION =
      Section.of(
          "ros2.topics[].mirror",
          "Sampled copy of a control topic into the durable queue.",
          MIRROR_MAX_RATE_HZ);

  static final Key<TopicMatcher> MATCH =
      Key.required(
          "match",
          ValueType.topicMatcher(),
          "Topics this rule applies to: exact (`/joint_states`), glob (`/camera/*/compressed`;"
              + " `*` within a segment, `**` across segments, `?` one character) or regex"
              + " (`re:^/ft/.*`, must match the whole name).");
  static final Key<RosTypeName> TYPE =
      Key.optional(
          "type",
          ValueType.rosType(),
          "ROS type `pkg/msg/Type`; discovered from the bus when absent.");
  static final Key<TrafficClass> CLASS =
      Key.withDefault(
          "class",
          ValueType.enumOf(TrafficClass.class),
          "telemetry",
          "Path the samples take: `control` is relayed on the fast path, the others are"
              + " sampled, batched and queued.");
  static final Key<Void> QOS =
      Key.section("qos", QOS_SECTION, "by class", "DDS QoS; partial maps merge over the default.");
  static final Key<Void> SAMPLE =
      Key.section(
          "sample",
          SAMPLE_SECTION,
          "`{keep_all: true}`",
          "Sampling policy; not allowed on control rules (use `mirror.max_rate_hz`).");
  static final Key<String> STREAM =
      Key.derived(
          "stream",
          ValueType.matching(ConfigSchema.STREAM_NAME_PATTERN, "a stream name like telemetry"),
          byClass(TopicRuleSchema::defaultStream),
          "Stream (batch sequence and Kafka topic) the samples go to; must be a key of"
              + " `uplink.streams`. For control rules it receives the mirror copies.");
  static final Key<Integer> PRIORITY =
      Key.withDefault(
          "priority",
          ValueType.integer(0, 9),
          "5",
          "Queue priority; past `buffer.max_bytes` the lowest priority is evicted first.");
  static final Key<Void> RELAY =
      Key.section("relay", RELAY_SECTION, "—", "Fast-path relay; required for control rules.");
  static final Key<Void> MIRROR =
      Key.section("mirror", MIRROR_SECTION, "—", "Mirror copy; control rules only.");
  static final Key<Long> MAX_SAMPLE_BYTES =
      Key.withDefault(
          "max_sample_bytes",
          ValueType.size(64, 64L << 20),
          "256KiB",
          "Largest sample accepted from DDS; larger samples are dropped. (Extension: not in"
              + " DESIGN §4.)");
  static final Key<Boolean> CAPTURE =
      Key.withDefault(
          "capture",
          ValueType.bool(),
          "true",
          "Whether the capture ring keeps every sample of the topic (when `capture` is on;"
              + " control topics never are); `false` opts out.");
  static final Section SECTION =
      Section.of(
          "ros2.topics[]",
          "One topic rule. The first rule whose `match` matches a topic applies; topics no rule"
              + " matches are ignored.",
          MATCH,
          TYPE,
          CLASS,
          QOS,
          SAMPLE,
          STREAM,
          PRIORITY,
          RELAY,
          MIRROR,
          MAX_SAMPLE_BYTES,
          CAPTURE);

  /** "control: `reliable`; telemetry, perception, diagnostics: `best_effort`". */
  private static String byClass(Function<TrafficClass, String> valueOf) {
    Map<String, List<String>> classesByValue = new LinkedHashMap<>();
    for (TrafficClass c : TrafficClass.values()) {
      classesByValue.computeIfAbsent(valueOf.apply(c), v -> new ArrayList<>()).add(c.configName());
    }
    if (classesByValue.size() == 1) {
      return "`" + classesByValue.keySet().iterator().next() + "`";
    }
    List<String> parts = new ArrayList<>();
    classesByValue.forEach((v, classes) -> parts.add(String.join(", ", classes) + ": `" + v + "`"));
    return "by class: " + String.join("; ", parts);
  }
}
