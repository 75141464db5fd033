package io.edgegateway.core.config;

/**
 * The {@code mirror} of a control rule: a sampled copy of the control topic offered to the rule's
 * stream; copies are dropped and counted when the telemetry path is full.
 *
 * @param maxRateHz copies per second, {@code > 0}
 */
public record MirrorSettings(double maxRateHz) {
  public MirrorSettings {
    TopicRuleSchema.MIRROR_MAX_RATE_HZ.check(maxRateHz);
  }
}
