package io.edgegateway.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code uplink} section: the transactional Kafka uplink.
 *
 * @param kafka the Kafka client
 * @param streams streams by name, in file order
 * @param checkpointTopic compacted topic of the per-stream checkpoints; differs from every stream
 *     topic
 */
public record UplinkSettings(
    KafkaSettings kafka, Map<String, StreamSettings> streams, String checkpointTopic) {
  public UplinkSettings {
    Objects.requireNonNull(kafka, "kafka");
    streams = ConfigMaps.copyOf(streams, "streams");
    for (String name : streams.keySet()) {
      ConfigSchema.STREAMS.check(name);
    }
    ConfigSchema.CHECKPOINT_TOPIC.check(checkpointTopic);
    for (StreamSettings stream : streams.values()) {
      if (stream.topic().equals(checkpointTopic)) {
        throw new IllegalArgumentException(
            "checkpoint_topic : " + checkpointTopic + " (expected: not a stream topic)");
      }
    }
  }

  /** The Kafka topic of {@code stream}. */
  public String topicOf(String stream) {
    StreamSettings settings = streams.get(stream);
    if (settings == null) {
      throw new IllegalArgumentException(
          "stream : " + stream + " (expected: one of " + streams.keySet() + ")");
    }
    return settings.topic();
  }

  /** Default client, the four default streams, default checkpoint topic. */
  public static UplinkSettings defaults() {
    return new UplinkSettings(
        KafkaSettings.defaults(),
        ConfigSchema.defaultStreams(),
        ConfigSchema.CHECKPOINT_TOPIC.defaultOrThrow());
  }
}
