package io.edgegateway.core.config;

import java.util.Objects;

/** Which samples of a topic go to the durable queue ({@code sample} of a topic rule). */
public sealed interface SamplePolicy
    permits SamplePolicy.KeepAll,
        SamplePolicy.MaxRate,
        SamplePolicy.EveryNth,
        SamplePolicy.OnChange {

  /** Keep every sample: {@code {keep_all: true}}, the default. */
  record KeepAll() implements SamplePolicy {}

  /** Keep at most {@code hz} samples per second: {@code {max_rate_hz: 50}}. */
  record MaxRate(double hz) implements SamplePolicy {
    public MaxRate {
      TopicRuleSchema.SAMPLE_MAX_RATE_HZ.check(hz);
    }
  }

  /** Keep one sample out of every {@code n}: {@code {every_nth: 10}}. */
  record EveryNth(int n) implements SamplePolicy {
    public EveryNth {
      TopicRuleSchema.EVERY_NTH.check(n);
    }
  }

  /**
   * Keep a sample when {@code field} moved by more than {@code deadband} since the last kept
   * sample: {@code {on_change: {field: position[3], deadband: 0.01}}}.
   *
   * @param field field path into the message, e.g. {@code position[3]} or {@code linear.x}
   * @param deadband smallest change that counts, {@code >= 0}
   */
  record OnChange(String field, double deadband) implements SamplePolicy {
    public OnChange {
      Objects.requireNonNull(field, "field");
      TopicRuleSchema.ON_CHANGE_FIELD.check(field);
      TopicRuleSchema.DEADBAND.check(deadband);
    }
  }

  /** The default policy. */
  static SamplePolicy keepAll() {
    return new KeepAll();
  }
}
