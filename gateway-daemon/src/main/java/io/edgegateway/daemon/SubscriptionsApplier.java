package io.edgegateway.daemon;

import io.edgegateway.core.config.Ros2Settings;
import io.edgegateway.core.sampling.Sampler;
import java.util.Map;

/**
 * Applies reloaded topic rules to the telemetry subscriptions: those the rules name ({@link
 * ConfiguredSubscriptions}) and those discovery drives ({@link DiscoveryHookup}). First every topic
 * the new rules drop is released (after what the bus already handed over is in the pipeline), then
 * changed routes and new subscriptions, so no topic is ever subscribed twice. The control relays
 * are not touched.
 */
final class SubscriptionsApplier {
  private final ConfiguredSubscriptions configured;
  private final DiscoveryHookup discovery;

  SubscriptionsApplier(ConfiguredSubscriptions configured, DiscoveryHookup discovery) {
    this.configured = configured;
    this.discovery = discovery;
  }

  /** What can fail is built before anything changes. */
  record Prepared(Ros2Settings ros2, Map<String, Sampler> samplers) {}

  /**
   * Builds the samplers of the rules that name their topic.
   *
   * @throws IllegalArgumentException when one cannot be built (the reload is then refused)
   */
  Prepared prepare(Ros2Settings next) {
    return new Prepared(next, configured.samplersFor(next.topics()));
  }

  /** Applies {@code prepared}: release, then change and subscribe. */
  void apply(Prepared prepared) {
    var rules = prepared.ros2().topics();
    configured.release(rules);
    discovery.release(prepared.ros2());
    configured.acquire(rules, prepared.samplers());
    discovery.acquire(prepared.ros2());
  }
}
