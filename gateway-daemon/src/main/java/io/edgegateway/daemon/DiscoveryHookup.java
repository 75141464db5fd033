package io.edgegateway.daemon;

import io.edgegateway.core.config.Ros2Settings;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.core.routing.TopicRules;
import io.edgegateway.ros2.CycloneTopicDiscovery;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Topic discovery on the gateway's domain, hooked up to the {@link DiscoveredSubscriptions} it
 * drives; started only when a queued-class rule has a pattern or no type.
 */
final class DiscoveryHookup implements AutoCloseable {
  private final Ros2Settings ros2;
  private final List<InetAddress> peers;
  private final Bus bus;
  private final TopicSamplers samplers;
  private final TelemetryHandlers handlers;
  private @Nullable DiscoveredSubscriptions discovered; // null until started, and when off
  private @Nullable TopicDiscovery discovery; // null until started, and when off

  DiscoveryHookup(
      Ros2Settings ros2,
      List<InetAddress> peers,
      Bus bus,
      TopicSamplers samplers,
      TelemetryHandlers handlers) {
    this.ros2 = ros2;
    this.peers = peers;
    this.bus = bus;
    this.samplers = samplers;
    this.handlers = handlers;
  }

  /**
   * Starts discovery if a rule needs it; discovered topics are then subscribed with the rule's
   * sampler, stream and priority ({@link TopicRoute}) through the field gauges.
   */
  void start() {
    if (!DiscoveredSubscriptions.needed(ros2.topics())) {
      return;
    }
    discovered =
        new DiscoveredSubscriptions(
            new TopicRules(ros2.topics()),
            bus,
            (topic, type, rule) ->
                handlers.forTopic(topic, type, rule, samplers.discovered(topic, type, rule)));
    discovery = CycloneTopicDiscovery.forDomain(ros2.domainId(), peers);
    discovery.start(discovered);
  }

  /** The topics subscribed through discovery right now, sorted; empty when off. */
  List<String> topics() {
    return discovered == null ? List.of() : discovered.topics();
  }

  /**
   * {@code off} (no rule needs it), {@code running} (helper reported ready), or {@code
   * unavailable}.
   */
  String state() {
    return discovery == null ? "off" : discovery.ready() ? "running" : "unavailable";
  }

  /** Stops discovery, then releases the subscriptions it made. Idempotent. */
  @Override
  public void close() {
    if (discovery != null) {
      discovery.close();
    }
    if (discovered != null) {
      discovered.close();
    }
  }
}
