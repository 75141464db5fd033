package io.edgegateway.ros2;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.DiscoveredTopic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DDS writers known on a bus, grouped into topics: turns writer-level discovery reports into
 * topic-level events (a topic appears with its first writer and vanishes with its last). Not
 * thread-safe; one discovery thread feeds it, {@link #snapshot} is read under its owner's lock.
 */
final class PublicationTable {

  /** What a writer report changed for its topic. */
  sealed interface Change permits Appeared, Vanished {}

  /** A topic got its first writer. */
  record Appeared(DiscoveredTopic topic) implements Change {}

  /** A topic lost its last writer. */
  record Vanished(DiscoveredTopic topic) implements Change {}

  private record Writer(String topicKey) {}

  private static final class Topic {
    final String name;
    final String type;
    final boolean ros;
    final Optional<String> typeHash;
    int writers;

    Topic(String name, String type, boolean ros, Optional<String> typeHash) {
      this.name = name;
      this.type = type;
      this.ros = ros;
      this.typeHash = typeHash;
    }

    DiscoveredTopic view() {
      return new DiscoveredTopic(name, type, Math.max(writers, 1), ros, typeHash);
    }
  }

  private final Map<String, Writer> writers = new HashMap<>();
  private final Map<String, Topic> topics = new LinkedHashMap<>();

  /**
   * Records a writer.
   *
   * @param guid the writer's GUID (any unique text)
   * @param ddsTopic the DDS topic name, e.g. {@code rt/imu}
   * @param ddsType the DDS type name, e.g. {@code sensor_msgs::msg::dds_::Imu_}
   * @return the topic's appearance if this is its first writer
   */
  Optional<Change> writerAppeared(String guid, String ddsTopic, String ddsType) {
    return writerAppeared(guid, ddsTopic, ddsType, Optional.empty());
  }

  /**
   * Records a writer that announced a type hash.
   *
   * @param typeHash the writer's RIHS01 type hash, if it announced one; the topic keeps its first
   *     writer's
   */
  Optional<Change> writerAppeared(
      String guid, String ddsTopic, String ddsType, Optional<String> typeHash) {
    if (writers.containsKey(guid)) {
      return Optional.empty(); // a QoS update re-reports a known writer
    }
    Optional<String> rosTopic = RosNames.rosTopic(ddsTopic);
    Optional<RosTypeName> rosType = RosNames.rosType(ddsType);
    boolean ros = rosTopic.isPresent() && rosType.isPresent();
    String name = ros ? rosTopic.get() : ddsTopic;
    String type = ros ? rosType.get().toString() : ddsType;
    String key = (ros ? "ros:" : "dds:") + name;
    writers.put(guid, new Writer(key));
    Topic topic = topics.computeIfAbsent(key, k -> new Topic(name, type, ros, typeHash));
    topic.writers++;
    return topic.writers == 1 ? Optional.of(new Appeared(topic.view())) : Optional.empty();
  }

  /**
   * Forgets a writer.
   *
   * @return the topic's disappearance if this was its last writer
   */
  Optional<Change> writerGone(String guid) {
    Writer writer = writers.remove(guid);
    if (writer == null) {
      return Optional.empty();
    }
    Topic topic = Objects.requireNonNull(topics.get(writer.topicKey()), "topic of a known writer");
    topic.writers--;
    if (topic.writers > 0) {
      return Optional.empty();
    }
    topics.remove(writer.topicKey());
    return Optional.of(new Vanished(topic.view()));
  }

  /** Forgets every writer (the discovery source restarted); one disappearance per topic. */
  List<Change> clear() {
    List<Change> changes = new ArrayList<>();
    for (Topic topic : topics.values()) {
      changes.add(new Vanished(topic.view()));
    }
    writers.clear();
    topics.clear();
    return changes;
  }

  /** Every topic with at least one writer, sorted by name. */
  List<DiscoveredTopic> snapshot() {
    List<DiscoveredTopic> out = new ArrayList<>();
    for (Topic topic : topics.values()) {
      out.add(topic.view());
    }
    out.sort(Comparator.comparing(DiscoveredTopic::name));
    return out;
  }
}
