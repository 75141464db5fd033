package io.edgegateway.core.pipeline;

import io.edgegateway.core.port.StoredBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The byte bound of the sender's next round, adapted to the rate the uplink delivers at: a round
 * aims to carry about {@code targetNanos} of upload, so at high backlog one transaction carries
 * more batches (fewer commits per second, issue 16 item 3) and on a slow link a round stays small
 * enough never to approach the delivery timeout. Starts at {@code initialBytes}; after each
 * delivered round the bound is the round's rate times the target, within {@code [minBytes,
 * maxBytes]}; a failed delivery falls back to {@code minBytes}. Used by the sender's thread only.
 */
final class RoundSize {
  /** The count bound of the gateway's rounds, beside the byte bound. */
  static final int MAX_BATCHES = 1024;

  private final long minBytes;
  private final long maxBytes;
  private final long targetNanos;
  private long current;

  RoundSize(long minBytes, long initialBytes, long maxBytes, long targetNanos) {
    if (minBytes < 1 || initialBytes < minBytes || maxBytes < initialBytes) {
      throw new IllegalArgumentException(
          "bytes : "
              + minBytes
              + " <= "
              + initialBytes
              + " <= "
              + maxBytes
              + " (expected: 1 <= min <= initial <= max)");
    }
    if (targetNanos < 1) {
      throw new IllegalArgumentException("targetNanos : " + targetNanos + " (expected: >= 1)");
    }
    this.minBytes = minBytes;
    this.maxBytes = maxBytes;
    this.targetNanos = targetNanos;
    this.current = initialBytes;
  }

  /**
   * The largest adaptive round: 8 MiB. A round is held twice while it is sent (the rows read from
   * the queue and the producer's copy); on a 96 MiB heap (the footprint profile) 32 MiB rounds ran
   * it out of memory while draining a humanoid-1x10 backlog, and measured no faster than small
   * ones.
   */
  static final long MAX_ADAPTIVE_BYTES = 8L << 20;

  /**
   * The gateway's rounds: from 1 MiB up to {@link #MAX_ADAPTIVE_BYTES}, each aiming at 500 ms of
   * upload.
   */
  static RoundSize adaptive() {
    return new RoundSize(
        1L << 20, 1L << 20, MAX_ADAPTIVE_BYTES, TimeUnit.MILLISECONDS.toNanos(500));
  }

  /** A fixed bound: always {@code bytes}. */
  static RoundSize fixed(long bytes) {
    return new RoundSize(bytes, bytes, bytes, 1);
  }

  /** The byte bound of the next round. */
  long bytes() {
    return current;
  }

  /** {@code round} was delivered in {@code nanos}. */
  void delivered(List<StoredBatch> round, long nanos) {
    long bytes = 0;
    for (StoredBatch b : round) {
      bytes += b.batch().payload().length;
    }
    double perNano = (double) bytes / Math.max(1, nanos);
    double next = perNano * targetNanos;
    current = (long) Math.max(minBytes, Math.min(maxBytes, next));
  }

  /** A delivery failed: start again from the smallest round. */
  void failed() {
    current = minBytes;
  }
}
