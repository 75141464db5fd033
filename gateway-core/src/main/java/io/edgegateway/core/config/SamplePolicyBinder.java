package io.edgegateway.core.config;

import static io.edgegateway.core.config.TopicRuleSchema.DEADBAND;
import static io.edgegateway.core.config.TopicRuleSchema.EVERY_NTH;
import static io.edgegateway.core.config.TopicRuleSchema.KEEP_ALL;
import static io.edgegateway.core.config.TopicRuleSchema.ON_CHANGE;
import static io.edgegateway.core.config.TopicRuleSchema.ON_CHANGE_FIELD;
import static io.edgegateway.core.config.TopicRuleSchema.SAMPLE_MAX_RATE_HZ;

import io.edgegateway.core.RosTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code sample} mapping of a topic rule to a {@link SamplePolicy}: exactly one policy
 * key; an {@code on_change} field is recorded for the check against message definitions.
 */
final class SamplePolicyBinder {
  private final BindContext context;
  private final ErrorCollector errors;

  SamplePolicyBinder(BindContext context) {
    this.context = context;
    this.errors = context.errors();
  }

  /**
   * The policy: keep all when the mapping is absent, null when it had errors (all reported).
   *
   * @param type the rule's type, for the field check; null when the rule names none
   */
  @Nullable SamplePolicy bind(MappingView m, @Nullable RosTypeName type) {
    if (!m.present()) {
      return SamplePolicy.keepAll();
    }
    if (!m.usable()) {
      return null;
    }
    List<Key<?>> chosen = new ArrayList<>();
    for (Key<?> key : List.of(KEEP_ALL, SAMPLE_MAX_RATE_HZ, EVERY_NTH, ON_CHANGE)) {
      if (m.has(key)) {
        chosen.add(key);
      }
    }
    if (chosen.size() != 1) {
      if (chosen.size() > 1 || m.unknownKeys() == 0) {
        errors.report(
            m.anchor(),
            m.path(),
            "expected exactly one of: keep_all, max_rate_hz, every_nth, on_change"
                + (chosen.size() > 1 ? ", got " + names(chosen) : ""));
      }
      return null;
    }
    Key<?> policy = chosen.get(0);
    if (policy == KEEP_ALL) {
      return m.get(KEEP_ALL) == null ? null : SamplePolicy.keepAll();
    }
    if (policy == SAMPLE_MAX_RATE_HZ) {
      Double hz = m.get(SAMPLE_MAX_RATE_HZ);
      return hz == null
          ? null
          : errors.build(m.anchor(), m.path(), () -> new SamplePolicy.MaxRate(hz));
    }
    if (policy == EVERY_NTH) {
      Integer n = m.get(EVERY_NTH);
      return n == null
          ? null
          : errors.build(m.anchor(), m.path(), () -> new SamplePolicy.EveryNth(n));
    }
    MappingView onChange = m.section(ON_CHANGE);
    String field = onChange.get(ON_CHANGE_FIELD);
    Double deadband = onChange.get(DEADBAND);
    if (onChange.hasErrors() || field == null || deadband == null) {
      return null; // a null value was reported, so onChange.hasErrors() already holds
    }
    context.fieldRef(
        onChange.valuePos(ON_CHANGE_FIELD),
        onChange.path(ON_CHANGE_FIELD),
        Optional.ofNullable(type),
        field,
        false);
    return errors.build(
        onChange.anchor(), onChange.path(), () -> new SamplePolicy.OnChange(field, deadband));
  }

  private static String names(List<Key<?>> keys) {
    List<String> names = new ArrayList<>();
    for (Key<?> key : keys) {
      names.add(key.name());
    }
    return String.join(", ", names);
  }
}
