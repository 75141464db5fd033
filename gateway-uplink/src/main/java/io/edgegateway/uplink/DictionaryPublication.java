package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.ZstdDictionary;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which zstd dictionaries this uplink instance has published on the dictionary topic, and so which
 * ones a transaction must carry: every dictionary named by one of its batches' frames and not
 * published yet. A dictionary the lookup does not know is logged once and its batches go out
 * without it. Used under {@link KafkaUplink#deliver}'s lock.
 */
final class DictionaryPublication {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final String robotId;
  private final @Nullable String topic;
  private final DictionaryLookup dictionaries;
  private final Set<Long> published = new HashSet<>();
  private final Set<Long> missing = new HashSet<>();

  /**
   * @param topic the dictionary topic; null to publish none
   */
  DictionaryPublication(String robotId, @Nullable String topic, DictionaryLookup dictionaries) {
    this.robotId = robotId;
    this.topic = topic;
    this.dictionaries = dictionaries;
  }

  /** Dictionaries named by the batches' frames that this instance has not published yet. */
  Map<Long, ZstdDictionary> toPublish(List<SealedBatch> toSend) {
    Map<Long, ZstdDictionary> out = new LinkedHashMap<>();
    for (SealedBatch batch : toSend) {
      long id = BatchCodec.dictionaryId(batch.payload());
      if (id == 0 || published.contains(id) || out.containsKey(id)) {
        continue;
      }
      Optional<ZstdDictionary> d;
      try {
        d = topic == null ? Optional.empty() : dictionaries.find(id);
      } catch (java.io.UncheckedIOException e) {
        LOG.warn("Uplink: cannot read zstd dictionary {}: {}", id, e.getMessage());
        d = Optional.empty();
      }
      if (d.isPresent()) {
        out.put(id, d.get());
      } else if (missing.add(id)) {
        LOG.warn(
            "Uplink: batch {} needs zstd dictionary {}, which {}; sent without it (consumers"
                + " cannot decode it until the dictionary is published)",
            batch.batchId(robotId),
            id,
            topic == null ? "no dictionary topic is configured for" : "is not on the robot");
      }
    }
    return out;
  }

  /** Records that a committed transaction carried {@code committed}. */
  void published(Map<Long, ZstdDictionary> committed) {
    if (!committed.isEmpty()) {
      published.addAll(committed.keySet());
      LOG.info(
          "Uplink: published zstd dictionar{} {} on {}",
          committed.size() == 1 ? "y" : "ies",
          committed.keySet(),
          topic);
    }
  }
}
