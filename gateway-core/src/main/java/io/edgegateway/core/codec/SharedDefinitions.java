package io.edgegateway.core.codec;

import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills in the message definitions a batch's topic table leaves empty: {@link BatchCodec#seal}
 * writes each type's full definition once per batch, in the first entry of that type, and leaves it
 * empty in the later ones, so 250 topics of 11 types carry 11 definitions instead of 250.
 */
final class SharedDefinitions {
  private SharedDefinitions() {}

  /**
   * {@code batch} with each entry that has no definition given the one another entry of its type
   * carries; {@code batch} itself when there is nothing to fill in.
   */
  static TelemetryBatch filledIn(TelemetryBatch batch) {
    Map<String, String> byType = new HashMap<>();
    boolean missing = false;
    for (TopicEntry topic : batch.getTopicsList()) {
      if (topic.getDefinition().isEmpty()) {
        missing = true;
      } else {
        byType.putIfAbsent(topic.getType(), topic.getDefinition());
      }
    }
    if (!missing || byType.isEmpty()) {
      return batch;
    }
    TelemetryBatch.Builder out = batch.toBuilder();
    for (int i = 0; i < out.getTopicsCount(); i++) {
      TopicEntry topic = out.getTopics(i);
      String definition = byType.get(topic.getType());
      if (topic.getDefinition().isEmpty() && definition != null) {
        out.setTopics(i, topic.toBuilder().setDefinition(definition));
      }
    }
    return out.build();
  }
}
