package io.edgegateway.core.codec;

import io.edgegateway.core.Envelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code DELTA_SHUFFLE} payload transform for a batch of equal-size CDR samples: each sample is
 * predicted from the samples before it and replaced by the residual, then the residuals are stored
 * column-major (byte 0 of every row, then byte 1, ...).
 *
 * <p>A row is read as little-endian 64-bit words at offsets {@code 4 + 8k} (the CDR body is 8-byte
 * aligned after the 4-byte encapsulation header, so these are the {@code float64} fields); a word
 * is predicted linearly from the same word of the two previous rows ({@code 2·w[r-1] − w[r-2]},
 * wrapping integer arithmetic on the raw bits, so the transform is exact for any bytes). Bytes
 * outside whole words are XORed with the previous row. Smooth telemetry leaves small residuals
 * whose high bytes are zero, which zstd compresses far better than the interleaved samples.
 */
final class DeltaShuffle {
  private static final int BODY = 4;

  private DeltaShuffle() {}

  /** Topics of the batch with at least two samples, all of one non-zero size, with their rows. */
  static Map<String, List<byte[]>> fixedSizeTopics(List<Envelope> envelopes) {
    Map<String, List<byte[]>> rows = new HashMap<>();
    Map<String, Boolean> fixed = new HashMap<>();
    for (Envelope e : envelopes) {
      List<byte[]> list = rows.computeIfAbsent(e.topic(), t -> new ArrayList<>());
      if (!list.isEmpty() && list.get(0).length != e.size()) {
        fixed.put(e.topic(), false);
      }
      fixed.putIfAbsent(e.topic(), e.size() > 0);
      list.add(e.payload());
    }
    rows.entrySet()
        .removeIf(
            entry ->
                !Boolean.TRUE.equals(fixed.get(entry.getKey())) || entry.getValue().size() < 2);
    return rows;
  }

  /**
   * Transforms {@code rows}, all of length {@code size}, into one column-major block.
   *
   * @param rows at least one row
   * @param size the length of every row, >= 0
   */
  static byte[] encode(List<byte[]> rows, int size) {
    int n = rows.size();
    byte[] out = new byte[Math.multiplyExact(n, size)];
    int words = words(size);
    byte[] p1 = new byte[size];
    byte[] p2 = new byte[size];
    for (int r = 0; r < n; r++) {
      byte[] row = rows.get(r);
      if (row.length != size) {
        throw new IllegalArgumentException(
            "rows[" + r + "].length : " + row.length + " (expected: " + size + ")");
      }
      for (int c = 0; c < size; c++) {
        out[c * n + r] = (byte) (row[c] ^ p1[c]);
      }
      for (int k = 0; k < words; k++) {
        int off = BODY + 8 * k;
        long residual = word(row, off) - (2 * word(p1, off) - word(p2, off));
        for (int b = 0; b < 8; b++) {
          out[(off + b) * n + r] = (byte) (residual >>> (8 * b));
        }
      }
      p2 = p1;
      p1 = row;
    }
    return out;
  }

  /**
   * Restores the rows of a block made by {@link #encode}.
   *
   * @param columns the block, of length {@code n * size}
   * @param n number of rows, >= 1
   * @param size length of every row
   */
  static byte[][] decode(byte[] columns, int n, int size) {
    if (n < 1 || (long) n * size != columns.length) {
      throw new IllegalArgumentException(
          "columns.length : " + columns.length + " (expected: " + n + " x " + size + ")");
    }
    int words = words(size);
    byte[][] rows = new byte[n][size];
    byte[] zero = new byte[size];
    for (int r = 0; r < n; r++) {
      byte[] row = rows[r];
      byte[] p1 = r >= 1 ? rows[r - 1] : zero;
      byte[] p2 = r >= 2 ? rows[r - 2] : zero;
      for (int c = 0; c < size; c++) {
        row[c] = (byte) (columns[c * n + r] ^ p1[c]);
      }
      for (int k = 0; k < words; k++) {
        int off = BODY + 8 * k;
        long residual = 0;
        for (int b = 0; b < 8; b++) {
          residual |= (columns[(off + b) * n + r] & 0xFFL) << (8 * b);
        }
        long value = residual + (2 * word(p1, off) - word(p2, off));
        for (int b = 0; b < 8; b++) {
          row[off + b] = (byte) (value >>> (8 * b));
        }
      }
    }
    return rows;
  }

  private static int words(int size) {
    return size < BODY ? 0 : (size - BODY) / 8;
  }

  private static long word(byte[] a, int off) {
    long v = 0;
    for (int b = 0; b < 8; b++) {
      v |= (a[off + b] & 0xFFL) << (8 * b);
    }
    return v;
  }
}
