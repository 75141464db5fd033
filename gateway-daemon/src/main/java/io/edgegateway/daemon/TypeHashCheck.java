package io.edgegateway.daemon;

import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.ros2.msg.MessageDefinitionException;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.ros2.msg.TypeHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the RIHS01 type hash a discovered topic's publisher announces (ROS 2 Iron and later)
 * with the hash of the gateway's own definition of that type, then hands the event on: a mismatch
 * (the robot's definition differs from the one the gateway decodes with, e.g. the wrong {@code
 * ros2.distro}) counts {@code gateway_ros2_type_hash_mismatches_total{topic}} and logs one WARN
 * line per topic. Topics without an announced hash, or of a type the gateway does not know, are not
 * checked.
 */
final class TypeHashCheck implements TopicDiscovery.Listener {
  private static final Logger log = LoggerFactory.getLogger(TypeHashCheck.class);

  private final MessageRegistry definitions;
  private final MeterRegistry meters;
  private final TopicDiscovery.Listener next;
  private final ConcurrentHashMap<String, Optional<String>> ownHashes = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  TypeHashCheck(MessageRegistry definitions, MeterRegistry meters, TopicDiscovery.Listener next) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void topicAppeared(DiscoveredTopic topic) {
    check(topic);
    next.topicAppeared(topic);
  }

  @Override
  public void topicVanished(DiscoveredTopic topic) {
    next.topicVanished(topic);
  }

  /** Whether {@code topic}'s announced hash differs from ours; counts and warns if so. */
  boolean check(DiscoveredTopic topic) {
    if (topic.typeHash().isEmpty()) {
      return false;
    }
    Optional<String> own = ownHashes.computeIfAbsent(topic.type(), this::hashOf);
    if (own.isEmpty() || own.get().equals(topic.typeHash().get())) {
      return false;
    }
    mismatches(topic.name()).increment();
    if (warned.add(topic.name())) {
      log.warn(
          "topic {}: the publisher's {} has type hash {}, the gateway's definition {}; samples"
              + " may decode wrongly (check ros2.distro, or add the robot's .msg under"
              + " ros2.message_paths)",
          topic.name(),
          topic.type(),
          topic.typeHash().get(),
          own.get());
    }
    return true;
  }

  private Optional<String> hashOf(String type) {
    try {
      return Optional.of(TypeHash.of(definitions, type));
    } catch (MessageDefinitionException e) {
      return Optional.empty();
    }
  }

  private Counter mismatches(String topic) {
    return Counter.builder("gateway.ros2.type.hash.mismatches")
        .description(
            "Discovered publishers whose announced RIHS01 type hash differs from the gateway's"
                + " definition of the type")
        .tag("topic", topic)
        .register(meters);
  }
}
