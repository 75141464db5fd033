package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka topics one uplink writes to, and the checks {@link KafkaUplink#create} applies to them.
 *
 * @param streamToTopic the topic of each stream's batches
 * @param checkpointTopic the compacted topic of the per-stream checkpoints
 * @param dictionaryTopic the compacted topic of the zstd dictionaries; null to publish none
 */
record UplinkTopics(
    Map<String, String> streamToTopic, String checkpointTopic, @Nullable String dictionaryTopic) {

  /**
   * Checks that every batch's stream has a topic, before {@link KafkaUplink#deliver} sends any.
   *
   * @throws IllegalArgumentException naming the first batch whose stream has none
   */
  void checkStreamsOf(List<StoredBatch> batches, String robotId) {
    for (StoredBatch stored : batches) {
      SealedBatch batch = stored.batch();
      if (!streamToTopic.containsKey(batch.stream())) {
        throw new IllegalArgumentException(
            "batch "
                + batch.batchId(robotId)
                + " stream : "
                + batch.stream()
                + " (expected: one of "
                + streamToTopic.keySet()
                + ")");
      }
    }
  }

  /** The topic of {@code stream}, one that {@link #checkStreamsOf} accepted. */
  String topicOf(String stream) {
    return Objects.requireNonNull(streamToTopic.get(stream), () -> "no topic for stream " + stream);
  }

  /** Every stream topic, then the checkpoint topic: what a new session fetches metadata of. */
  Set<String> sessionTopics() {
    Set<String> topics = new LinkedHashSet<>(streamToTopic.values());
    topics.add(checkpointTopic);
    return topics;
  }

  /**
   * Checks {@link KafkaUplink#create}'s stream topics (at least one, each a name) and checkpoint
   * topic (a name that is not a stream topic).
   *
   * @throws IllegalArgumentException naming the first one out of range
   */
  static void checkStreamTopics(Map<String, String> streamToTopic, String checkpointTopic) {
    if (streamToTopic.isEmpty()) {
      throw new IllegalArgumentException("streamToTopic : {} (expected: at least one stream)");
    }
    streamToTopic.forEach(
        (stream, topic) -> {
          if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(
                "streamToTopic." + stream + " : \"" + topic + "\" (expected: a topic name)");
          }
        });
    if (checkpointTopic.isBlank() || streamToTopic.containsValue(checkpointTopic)) {
      throw new IllegalArgumentException(
          "checkpointTopic : \""
              + checkpointTopic
              + "\" (expected: a topic name that is not a stream topic)");
    }
  }

  /**
   * Checks {@link KafkaUplink#create}'s dictionary topic: null, or a name that is neither a stream
   * nor the checkpoint topic.
   *
   * @throws IllegalArgumentException if it is out of range
   */
  static void checkDictionaryTopic(
      @Nullable String dictionaryTopic, Map<String, String> streamToTopic, String checkpointTopic) {
    if (dictionaryTopic != null
        && (dictionaryTopic.isBlank()
            || dictionaryTopic.equals(checkpointTopic)
            || streamToTopic.containsValue(dictionaryTopic))) {
      throw new IllegalArgumentException(
          "dictionaryTopic : \""
              + dictionaryTopic
              + "\" (expected: a topic name that is neither a stream nor the checkpoint topic)");
    }
  }
}
