package io.edgegateway.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code uplink} section: the transactional Kafka uplink.
 *
 * @param kafka the Kafka client
 * @param streams streams by name, in file order
 * @param checkpointTopic compacted topic of the per-stream checkpoints; differs from every stream
 *     topic
 * @param dictionaryTopic compacted topic of the zstd dictionaries; differs from every other topic
 * @param budget the bandwidth budget; empty for unlimited
 */
public record UplinkSettings(
    KafkaSettings kafka,
    Map<String, StreamSettings> streams,
    String checkpointTopic,
    String dictionaryTopic,
    Optional<BudgetSettings> budget) {
  /**
   * The stream of the incident upload ({@code capture}): written by the incident desk only, never
   * by a topic rule. Without it in {@code uplink.streams} incidents stay on the robot.
   */
  public static final String INCIDENTS_STREAM = "incidents";

  public UplinkSettings {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(budget, "budget");
    streams = ConfigMaps.copyOf(streams, "streams");
    for (String name : streams.keySet()) {
      UplinkSchema.STREAMS.check(name);
    }
    UplinkSchema.CHECKPOINT_TOPIC.check(checkpointTopic);
    UplinkSchema.DICTIONARY_TOPIC.check(dictionaryTopic);
    if (dictionaryTopic.equals(checkpointTopic)) {
      throw new IllegalArgumentException(
          "dictionary_topic : " + dictionaryTopic + " (expected: not the checkpoint topic)");
    }
    for (StreamSettings stream : streams.values()) {
      if (stream.topic().equals(checkpointTopic)) {
        throw new IllegalArgumentException(
            "checkpoint_topic : " + checkpointTopic + " (expected: not a stream topic)");
      }
      if (stream.topic().equals(dictionaryTopic)) {
        throw new IllegalArgumentException(
            "dictionary_topic : " + dictionaryTopic + " (expected: not a stream topic)");
      }
    }
  }

  /** Settings without a budget (unlimited). */
  public UplinkSettings(
      KafkaSettings kafka,
      Map<String, StreamSettings> streams,
      String checkpointTopic,
      String dictionaryTopic) {
    this(kafka, streams, checkpointTopic, dictionaryTopic, Optional.empty());
  }

  /** These settings with {@code budget}. */
  public UplinkSettings withBudget(Optional<BudgetSettings> budget) {
    return new UplinkSettings(kafka, streams, checkpointTopic, dictionaryTopic, budget);
  }

  /** Settings with the default dictionary topic. */
  public UplinkSettings(
      KafkaSettings kafka, Map<String, StreamSettings> streams, String checkpointTopic) {
    this(kafka, streams, checkpointTopic, UplinkSchema.DICTIONARY_TOPIC.defaultOrThrow());
  }

  /** Whether any stream compresses with a zstd dictionary. */
  public boolean usesDictionaries() {
    for (StreamSettings stream : streams.values()) {
      if (stream.dictionary().isPresent()) {
        return true;
      }
    }
    return false;
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
        UplinkSchema.defaultStreams(),
        UplinkSchema.CHECKPOINT_TOPIC.defaultOrThrow(),
        UplinkSchema.DICTIONARY_TOPIC.defaultOrThrow());
  }
}
