package io.edgegateway.core.config;

import static io.edgegateway.core.config.CaptureSchema.RING;
import static io.edgegateway.core.config.CaptureSchema.RING_MAX_AGE;
import static io.edgegateway.core.config.CaptureSchema.RING_MAX_BYTES;
import static io.edgegateway.core.config.CaptureSchema.RING_PATH;
import static io.edgegateway.core.config.CaptureSchema.TRIGGERS;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_COOLDOWN;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_NAME;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_POST;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_PRE;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_TOPIC;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_TOPICS;
import static io.edgegateway.core.config.CaptureSchema.TRIGGER_WHEN;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.capture.TriggerCondition;
import io.edgegateway.core.capture.TriggerSyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code capture} section ({@link CaptureSchema}) to {@link CaptureSettings}: trigger
 * names are unique, each trigger's topic is captured under its rule, its {@code when} parses (an
 * error points at the character) and its field is recorded for the check against message
 * definitions, and {@code pre + post} fits in the ring.
 */
final class CaptureBinder {
  private final BindContext context;
  private final ErrorCollector errors;

  CaptureBinder(BindContext context) {
    this.context = context;
    this.errors = context.errors();
  }

  /**
   * The settings: off when the section is absent; null when it had errors (all reported).
   *
   * @param ros2 the bound {@code ros2} section; null when it had errors, then topics go unchecked
   */
  @Nullable CaptureSettings bind(MappingView m, @Nullable Ros2Settings ros2) {
    if (!m.present()) {
      return m.usable() ? CaptureSettings.off() : null;
    }
    MappingView ring = m.section(RING);
    Long maxBytes = ring.get(RING_MAX_BYTES);
    Duration maxAge = ring.get(RING_MAX_AGE);
    Path path = ring.get(RING_PATH);
    List<TriggerSettings> triggers = new ArrayList<>();
    Map<String, Position> names = new LinkedHashMap<>();
    for (MappingView.Element element : m.elements(TRIGGERS)) {
      MappingView t = context.mapping(element, CaptureSchema.TRIGGER_SECTION);
      if (t.usable()) {
        TriggerSettings trigger = trigger(t, ros2, maxAge, names);
        if (trigger != null) {
          triggers.add(trigger);
        }
      }
    }
    if (m.hasErrors()) {
      return null;
    }
    return m.build(
        () ->
            new CaptureSettings(
                true,
                Objects.requireNonNull(maxBytes, "maxBytes"),
                Objects.requireNonNull(maxAge, "maxAge"),
                Optional.ofNullable(path),
                triggers));
  }

  private @Nullable TriggerSettings trigger(
      MappingView t,
      @Nullable Ros2Settings ros2,
      @Nullable Duration maxAge,
      Map<String, Position> names) {
    String name = t.get(TRIGGER_NAME);
    String topic = t.get(TRIGGER_TOPIC);
    String when = t.get(TRIGGER_WHEN);
    Duration pre = t.get(TRIGGER_PRE);
    Duration post = t.get(TRIGGER_POST);
    Duration cooldown = t.has(TRIGGER_COOLDOWN) ? t.get(TRIGGER_COOLDOWN) : post;
    List<String> topics = t.scalars(TRIGGER_TOPICS);
    if (name != null) {
      Position first = names.putIfAbsent(name, t.valuePos(TRIGGER_NAME));
      if (first != null) {
        errors.report(
            t.valuePos(TRIGGER_NAME),
            t.path(TRIGGER_NAME),
            "duplicate trigger name '" + name + "' (first used at " + first.describe() + ")");
      } else if (name.equals("manual")) {
        errors.report(
            t.valuePos(TRIGGER_NAME),
            t.path(TRIGGER_NAME),
            "'manual' is the trigger of operator requests (POST /v1/captures); use another name");
      }
    }
    TriggerCondition condition = null;
    if (when != null) {
      try {
        condition = TriggerCondition.parse(when);
      } catch (TriggerSyntaxException e) {
        errors.report(
            t.valuePos(TRIGGER_WHEN), t.path(TRIGGER_WHEN), String.valueOf(e.getMessage()));
      }
    }
    if (pre != null && post != null && maxAge != null && pre.plus(post).compareTo(maxAge) > 0) {
      errors.report(
          t.anchor(),
          t.path(),
          "pre + post is "
              + Durations.format(pre.plus(post))
              + ", more than capture.ring.max_age ("
              + Durations.format(maxAge)
              + "): the start of the window would have left the ring when it is sealed");
    }
    Optional<RosTypeName> type = Optional.empty();
    if (topic != null && ros2 != null) {
      Optional<TopicRule> rule = ros2.topicRules().ruleFor(topic);
      String problem = null;
      if (rule.isEmpty()) {
        problem = "no rule in ros2.topics matches topic " + topic + "; a trigger tests its samples";
      } else if (rule.get().trafficClass() == TrafficClass.CONTROL) {
        problem = "topic " + topic + " is a control topic; control topics are not captured";
      } else if (!rule.get().capture()) {
        problem = "the rule of topic " + topic + " says capture: false; its samples are not tested";
      } else {
        type = rule.get().type();
      }
      if (problem != null) {
        errors.report(t.valuePos(TRIGGER_TOPIC), t.path(TRIGGER_TOPIC), problem);
      }
    }
    if (t.hasErrors() || condition == null) {
      return null;
    }
    context.fieldRef(
        t.valuePos(TRIGGER_WHEN),
        t.path(TRIGGER_WHEN),
        type,
        condition.concretePath(0).toString(),
        condition.op() != TriggerCondition.Op.MATCHES && condition.op().ordering(),
        condition.op() == TriggerCondition.Op.MATCHES);
    TriggerCondition c = condition;
    return t.build(
        () ->
            new TriggerSettings(
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(topic, "topic"),
                c,
                Objects.requireNonNull(pre, "pre"),
                Objects.requireNonNull(post, "post"),
                Objects.requireNonNull(cooldown, "cooldown"),
                topics));
  }
}
