package io.edgegateway.core.batch;

import java.util.Objects;

/**
 * What one batch holds of one topic, for the completeness ledger: how many samples and which
 * per-topic {@code seq} range (records of a topic are in {@code seq} order inside a batch).
 *
 * @param topic ROS topic name
 * @param count samples of the topic in the batch, >= 1
 * @param firstSeq smallest per-topic seq in the batch
 * @param lastSeq largest per-topic seq in the batch
 */
public record TopicSummary(String topic, long count, long firstSeq, long lastSeq) {
  public TopicSummary {
    Objects.requireNonNull(topic, "topic");
    if (count < 1) {
      throw new IllegalArgumentException("count : " + count + " (expected: >= 1)");
    }
    if (firstSeq > lastSeq) {
      throw new IllegalArgumentException(
          "firstSeq : " + firstSeq + " (expected: <= lastSeq " + lastSeq + ")");
    }
  }
}
