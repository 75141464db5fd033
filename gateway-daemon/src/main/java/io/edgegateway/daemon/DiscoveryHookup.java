package io.edgegateway.daemon;

import io.edgegateway.core.config.Ros2Settings;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.core.routing.TopicRules;
import io.edgegateway.ros2.CycloneTopicDiscovery;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final @Nullable MessageRegistry definitions;
  private final @Nullable MeterRegistry meters;
  // null until started, and while off; read without the lock by status readers
  private volatile @Nullable DiscoveredSubscriptions discovered;
  private volatile @Nullable TopicDiscovery discovery;

  DiscoveryHookup(
      Ros2Settings ros2,
      List<InetAddress> peers,
      Bus bus,
      TopicSamplers samplers,
      TelemetryHandlers handlers) {
    this(ros2, peers, bus, samplers, handlers, null, null);
  }

  /**
   * A hookup that also checks each discovered topic's announced type hash against {@code
   * definitions} ({@link TypeHashCheck}), counting mismatches in {@code meters}.
   */
  DiscoveryHookup(
      Ros2Settings ros2,
      List<InetAddress> peers,
      Bus bus,
      TopicSamplers samplers,
      TelemetryHandlers handlers,
      @Nullable MessageRegistry definitions,
      @Nullable MeterRegistry meters) {
    this.ros2 = ros2;
    this.peers = peers;
    this.bus = bus;
    this.samplers = samplers;
    this.handlers = handlers;
    this.definitions = definitions;
    this.meters = meters;
  }

  /**
   * Starts discovery if a rule needs it; discovered topics are then subscribed with the rule's
   * sampler, stream and priority ({@link TopicRoute}) through the field gauges.
   */
  synchronized void start() {
    if (DiscoveredSubscriptions.needed(ros2.topics())) {
      start(ros2);
    }
  }

  private void start(Ros2Settings settings) {
    discovered =
        new DiscoveredSubscriptions(
            new TopicRules(settings.topics()),
            bus,
            (topic, type, rule) ->
                handlers.forTopic(topic, type, rule, samplers.discovered(topic, type, rule)));
    discovery = CycloneTopicDiscovery.forDomain(ros2.domainId(), peers);
    TopicDiscovery.Listener listener = discovered;
    if (definitions != null && meters != null) {
      listener = new TypeHashCheck(definitions, meters, listener);
    }
    discovery.start(listener);
  }

  /**
   * Reload phase 1 ({@link DiscoveredSubscriptions#release}): the new rules in effect, topics they
   * no longer subscribe released. No-op while discovery is off.
   */
  synchronized void release(Ros2Settings next) {
    if (discovered != null) {
      discovered.release(new TopicRules(next.topics()));
    }
  }

  /**
   * Reload phase 2: changed routes, new subscriptions; starts discovery if the new rules are the
   * first to need it.
   */
  synchronized void acquire(Ros2Settings next) {
    if (discovered != null) {
      discovered.acquire();
    } else if (DiscoveredSubscriptions.needed(next.topics())) {
      start(next);
    }
  }

  /** The topics subscribed through discovery right now, sorted; empty when off. */
  List<String> topics() {
    DiscoveredSubscriptions d = discovered;
    return d == null ? List.of() : d.topics();
  }

  /**
   * {@code off} (no rule needs it), {@code running} (helper reported ready), or {@code
   * unavailable}.
   */
  String state() {
    TopicDiscovery d = discovery;
    return d == null ? "off" : d.ready() ? "running" : "unavailable";
  }

  /** Stops discovery, then releases the subscriptions it made. Idempotent. */
  @Override
  public synchronized void close() {
    if (discovery != null) {
      discovery.close();
    }
    if (discovered != null) {
      discovered.close();
    }
  }
}
