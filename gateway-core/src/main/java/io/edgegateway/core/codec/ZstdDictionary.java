package io.edgegateway.core.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A zstd dictionary in zstd's own format (the output of {@code zstd --train} or {@code
 * ZDICT_trainFromBuffer}) with its dictionary id, which every frame compressed with it carries in
 * its header.
 *
 * <p>Immutable and thread-safe; the native compression and decompression contexts are created once,
 * on first use.
 */
public final class ZstdDictionary {
  private static final int MAGIC = 0xEC30A437;

  private final long id;
  private final byte[] bytes;
  private final Map<Integer, ZstdDictCompress> compressors = new ConcurrentHashMap<>();
  private volatile @Nullable ZstdDictDecompress decompressor;

  private ZstdDictionary(long id, byte[] bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  /**
   * Wraps dictionary bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not a zstd-format dictionary with a
   *     non-zero id (a raw-content dictionary has no id and cannot be named in a frame header)
   */
  public static ZstdDictionary of(byte[] bytes) {
    if (bytes.length < 8 || readIntLe(bytes) != MAGIC) {
      throw new IllegalArgumentException(
          "dictionary : "
              + bytes.length
              + " bytes without the zstd dictionary magic (expected: zstd --train output)");
    }
    long id = Zstd.getDictIdFromDict(bytes);
    if (id == 0) {
      throw new IllegalArgumentException("dictionary : id 0 (expected: a non-zero dictionary id)");
    }
    return new ZstdDictionary(id, bytes.clone());
  }

  /** The dictionary id (1 .. 2^32-1) written into the header of every frame using it. */
  public long id() {
    return id;
  }

  /** A copy of the dictionary bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Size of the dictionary in bytes. */
  public int size() {
    return bytes.length;
  }

  byte[] compress(byte[] raw, int level) {
    ZstdDictCompress c = compressors.computeIfAbsent(level, l -> new ZstdDictCompress(bytes, l));
    return Zstd.compress(raw, c);
  }

  byte[] decompress(byte[] frame, int size) {
    ZstdDictDecompress d = decompressor;
    if (d == null) {
      synchronized (this) {
        d = decompressor;
        if (d == null) {
          d = new ZstdDictDecompress(bytes);
          decompressor = d;
        }
      }
    }
    return Zstd.decompress(frame, d, size);
  }

  private static int readIntLe(byte[] b) {
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZstdDictionary other && id == other.id && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public String toString() {
    return "ZstdDictionary[id=" + id + ", " + bytes.length + " bytes]";
  }
}
