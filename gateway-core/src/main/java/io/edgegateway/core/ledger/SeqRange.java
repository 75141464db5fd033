package io.edgegateway.core.ledger;

/**
 * A range of per-topic {@code seq} numbers and how many samples in it a ledger line counts (gaps
 * inside the range are samples counted elsewhere, e.g. sampled out).
 *
 * @param first first seq of the range
 * @param last last seq of the range
 * @param count samples counted in the range
 */
public record SeqRange(long first, long last, long count) {
  public SeqRange {
    if (first > last) {
      throw new IllegalArgumentException("first : " + first + " (expected: <= last " + last + ")");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count : " + count + " (expected: >= 0)");
    }
  }
}
