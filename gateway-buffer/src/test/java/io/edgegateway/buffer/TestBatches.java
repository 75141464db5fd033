package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Batches for queue tests, and a comparable view of them (records compare arrays by identity). */
final class TestBatches {

  private TestBatches() {}

  /** A batch whose payload is {@code size} bytes derived from its stream and sequence number. */
  static SealedBatch batch(String stream, long batchSeq, int priority, int size) {
    byte[] payload = new byte[size];
    new Random(stream.hashCode() * 31L + batchSeq).nextBytes(payload);
    return batch(stream, batchSeq, priority, 1_700_000_000_000L + batchSeq, payload);
  }

  /** A batch with the given payload and seal time; the other fields derive from them. */
  static SealedBatch batch(
      String stream, long batchSeq, int priority, long sealedAtMillis, byte[] payload) {
    long firstNs = sealedAtMillis * 1_000_000L - 200_000_000L;
    return new SealedBatch(
        stream,
        batchSeq,
        priority,
        sealedAtMillis,
        (int) (batchSeq % 1000) + 1,
        firstNs,
        firstNs + 150_000_000L,
        payload.length * 3 + 17,
        payload);
  }

  /**
   * A batch of {@code stream} holding, per topic name, {@code count} samples from {@code firstSeq}
   * (arguments: topic, firstSeq, count, topic, firstSeq, count, ...).
   */
  static SealedBatch batchOf(
      String stream, long batchSeq, int priority, int size, Object... topics) {
    List<io.edgegateway.core.batch.TopicSummary> summaries = new java.util.ArrayList<>();
    for (int i = 0; i < topics.length; i += 3) {
      long first = ((Number) topics[i + 1]).longValue();
      long count = ((Number) topics[i + 2]).longValue();
      summaries.add(
          new io.edgegateway.core.batch.TopicSummary(
              (String) topics[i], count, first, first + count - 1));
    }
    return batch(stream, batchSeq, priority, size).withTopics(summaries);
  }

  /** Everything a stored batch carries, with the payload as hex so that equals compares it. */
  record View(
      String stream,
      long batchSeq,
      int priority,
      long sealedAtMillis,
      int records,
      long firstStampNs,
      long lastStampNs,
      int uncompressedBytes,
      String payloadHex) {}

  static View view(SealedBatch b) {
    return new View(
        b.stream(),
        b.batchSeq(),
        b.priority(),
        b.sealedAtMillis(),
        b.records(),
        b.firstStampNs(),
        b.lastStampNs(),
        b.uncompressedBytes(),
        HexFormat.of().formatHex(b.payload()));
  }

  static List<View> views(List<StoredBatch> stored) {
    return stored.stream().map(s -> view(s.batch())).toList();
  }

  static List<View> viewsOf(List<SealedBatch> batches) {
    return batches.stream().map(TestBatches::view).toList();
  }

  /** {@code stream/batchSeq} of each stored batch, in order. */
  static List<String> names(List<StoredBatch> stored) {
    return stored.stream().map(s -> s.batch().stream() + "/" + s.batch().batchSeq()).toList();
  }
}
