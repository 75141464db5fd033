package io.edgegateway.core.config;

import io.edgegateway.core.capture.TriggerCondition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code capture.triggers}: a condition on one topic's samples that opens an incident.
 *
 * @param name unique name, not {@code manual}
 * @param topic the topic whose samples are tested
 * @param when the condition
 * @param pre time kept before the firing sample
 * @param post time kept after it
 * @param cooldown the trigger ignores its condition for this long after firing
 * @param topics topics the incident keeps; empty for all
 */
public record TriggerSettings(
    String name,
    String topic,
    TriggerCondition when,
    Duration pre,
    Duration post,
    Duration cooldown,
    List<String> topics) {

  public TriggerSettings {
    CaptureSchema.TRIGGER_NAME.check(name);
    if (name.equals("manual")) {
      throw new IllegalArgumentException(
          "name : manual (expected: another name; manual is an operator's request)");
    }
    CaptureSchema.TRIGGER_TOPIC.check(topic);
    Objects.requireNonNull(when, "when");
    CaptureSchema.TRIGGER_PRE.check(pre);
    CaptureSchema.TRIGGER_POST.check(post);
    CaptureSchema.TRIGGER_COOLDOWN.check(cooldown);
    topics = List.copyOf(topics);
  }

  /** A trigger whose cooldown is its post window, keeping every topic. */
  public static TriggerSettings of(
      String name, String topic, String when, Duration pre, Duration post) {
    return new TriggerSettings(
        name, topic, TriggerCondition.parse(when), pre, post, post, List.of());
  }
}
