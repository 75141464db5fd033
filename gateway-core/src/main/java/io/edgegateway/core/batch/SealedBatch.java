package io.edgegateway.core.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A closed, encoded batch ready to be made durable: the zstd-compressed {@code TelemetryBatch} plus
 * the metadata the queue and the uplink need without decoding it.
 *
 * @param stream logical stream name, e.g. {@code telemetry}
 * @param batchSeq strictly increasing per stream, starting at 1
 * @param priority 0 (evicted first) to 9
 * @param sealedAtMillis wall-clock time the batch was closed, ms since the Unix epoch
 * @param records number of samples inside
 * @param firstStampNs smallest receive stamp inside, ns since the Unix epoch
 * @param lastStampNs largest receive stamp inside, ns since the Unix epoch
 * @param uncompressedBytes size of the encoded protobuf before compression
 * @param payload the zstd frame of the encoded {@code edgegateway.v1.TelemetryBatch}
 * @param topics per topic inside: sample count and seq range, for the completeness ledger (empty
 *     when unknown, e.g. for a batch read back from the queue)
 * @param headers extra Kafka record headers of the batch ({@link BatchHeaders}), e.g. {@code
 *     eg-incident-id}; empty for a regular batch. Kept by the queue with the batch.
 */
public record SealedBatch(
    String stream,
    long batchSeq,
    int priority,
    long sealedAtMillis,
    int records,
    long firstStampNs,
    long lastStampNs,
    int uncompressedBytes,
    byte[] payload,
    List<TopicSummary> topics,
    Map<String, String> headers) {

  public SealedBatch {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(payload, "payload");
    topics = List.copyOf(topics);
    headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
    if (batchSeq < 1) {
      throw new IllegalArgumentException("batchSeq : " + batchSeq + " (expected: >= 1)");
    }
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority : " + priority + " (expected: 0..9)");
    }
  }

  /** A batch without extra headers. */
  public SealedBatch(
      String stream,
      long batchSeq,
      int priority,
      long sealedAtMillis,
      int records,
      long firstStampNs,
      long lastStampNs,
      int uncompressedBytes,
      byte[] payload,
      List<TopicSummary> topics) {
    this(
        stream,
        batchSeq,
        priority,
        sealedAtMillis,
        records,
        firstStampNs,
        lastStampNs,
        uncompressedBytes,
        payload,
        topics,
        Map.of());
  }

  /** A batch without per-topic summaries. */
  public SealedBatch(
      String stream,
      long batchSeq,
      int priority,
      long sealedAtMillis,
      int records,
      long firstStampNs,
      long lastStampNs,
      int uncompressedBytes,
      byte[] payload) {
    this(
        stream,
        batchSeq,
        priority,
        sealedAtMillis,
        records,
        firstStampNs,
        lastStampNs,
        uncompressedBytes,
        payload,
        List.of());
  }

  /** This batch with {@code topics} as its per-topic summaries. */
  public SealedBatch withTopics(List<TopicSummary> topics) {
    return new SealedBatch(
        stream,
        batchSeq,
        priority,
        sealedAtMillis,
        records,
        firstStampNs,
        lastStampNs,
        uncompressedBytes,
        payload,
        topics,
        headers);
  }

  /** This batch with {@code headers} as its extra Kafka record headers. */
  public SealedBatch withHeaders(Map<String, String> headers) {
    return new SealedBatch(
        stream,
        batchSeq,
        priority,
        sealedAtMillis,
        records,
        firstStampNs,
        lastStampNs,
        uncompressedBytes,
        payload,
        topics,
        headers);
  }

  /** {@code <robotId>/<stream>/<batchSeq>}, the Kafka {@code eg-batch-id} header. */
  public String batchId(String robotId) {
    return robotId + "/" + stream + "/" + batchSeq;
  }
}
