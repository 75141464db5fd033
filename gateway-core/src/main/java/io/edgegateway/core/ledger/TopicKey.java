package io.edgegateway.core.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * The key of one line of the completeness ledger: a topic as routed into one stream.
 *
 * @param stream logical stream name, e.g. {@code telemetry}
 * @param topic ROS topic name, e.g. {@code /imu}
 */
public record TopicKey(String stream, String topic) implements Comparable<TopicKey> {
  private static final Comparator<TopicKey> ORDER =
      Comparator.comparing(TopicKey::stream).thenComparing(TopicKey::topic);

  public TopicKey {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(topic, "topic");
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("stream : empty (expected: a stream name)");
    }
  }

  @Override
  public int compareTo(TopicKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return stream + ":" + topic;
  }
}
