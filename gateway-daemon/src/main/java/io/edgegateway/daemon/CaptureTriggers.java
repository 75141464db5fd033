package io.edgegateway.daemon;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.capture.FieldCondition;
import io.edgegateway.core.config.TriggerSettings;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldReadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code capture.triggers} of the config, tested on the capture thread against every sample of
 * their topic (full rate, before sampling). Each trigger's condition is bound to the type the
 * samples arrive with, on the first sample of that type; a type the gateway does not know, or a
 * sample that cannot be read, never fires (one WARN line per trigger and type). Used by one thread.
 */
final class CaptureTriggers {
  private static final Logger log = LoggerFactory.getLogger(CaptureTriggers.class);

  private final Map<String, List<Bound>> byTopic = new HashMap<>();
  private final FieldCatalog catalog;

  /** One trigger and its condition per sample type ({@code null}: cannot be read). */
  private static final class Bound {
    final TriggerSettings settings;
    final Map<String, Optional<FieldCondition>> byType = new HashMap<>();
    boolean warnedUnreadable;

    Bound(TriggerSettings settings) {
      this.settings = settings;
    }
  }

  CaptureTriggers(List<TriggerSettings> triggers, FieldCatalog catalog) {
    this.catalog = catalog;
    for (TriggerSettings t : triggers) {
      byTopic.computeIfAbsent(t.topic(), k -> new ArrayList<>()).add(new Bound(t));
    }
  }

  /** Tests {@code sample} against the triggers of its topic; calls {@code fired} for each true. */
  void test(Envelope sample, BiConsumer<TriggerSettings, Envelope> fired) {
    List<Bound> triggers = byTopic.get(sample.topic());
    if (triggers == null) {
      return;
    }
    for (Bound b : triggers) {
      Optional<FieldCondition> condition =
          b.byType.computeIfAbsent(sample.type(), type -> bind(b.settings, type));
      if (condition.isEmpty()) {
        continue;
      }
      try {
        if (condition.get().test(sample.payload())) {
          fired.accept(b.settings, sample);
        }
      } catch (FieldReadException e) {
        if (!b.warnedUnreadable) {
          b.warnedUnreadable = true;
          log.warn(
              "capture trigger {}: a sample of {} could not be read ({}); such samples never fire",
              b.settings.name(),
              sample.topic(),
              e.getMessage());
        }
      }
    }
  }

  private Optional<FieldCondition> bind(TriggerSettings t, String type) {
    try {
      Optional<FieldCondition> bound =
          FieldCondition.bind(t.when(), RosTypeName.parse(type), catalog);
      if (bound.isEmpty()) {
        log.warn(
            "capture trigger {}: type {} of {} is not known to the gateway; it never fires"
                + " (add its .msg file under ros2.message_paths)",
            t.name(),
            type,
            t.topic());
      }
      return bound;
    } catch (IllegalArgumentException e) {
      log.warn(
          "capture trigger {}: '{}' cannot be read from {} ({}); it never fires",
          t.name(),
          t.when(),
          type,
          e.getMessage());
      return Optional.empty();
    }
  }
}
