package io.edgegateway.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that writes MCAP's little-endian primitives, strings and prefixes. */
final class LeBuffer {
  private byte[] bytes;
  private int size;

  LeBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void reset() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("MCAP record buffer over 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }

  LeBuffer u8(int v) {
    ensure(1);
    bytes[size++] = (byte) v;
    return this;
  }

  LeBuffer u16(int v) {
    ensure(2);
    bytes[size++] = (byte) v;
    bytes[size++] = (byte) (v >>> 8);
    return this;
  }

  LeBuffer u32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      bytes[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  LeBuffer u64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      bytes[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** Writes {@code v} as a uint32 at {@code position}, which must have been written already. */
  void putU32At(int position, long v) {
    for (int i = 0; i < 4; i++) {
      bytes[position + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Writes {@code v} as a uint64 at {@code position}, which must have been written already. */
  void putU64At(int position, long v) {
    for (int i = 0; i < 8; i++) {
      bytes[position + i] = (byte) (v >>> (8 * i));
    }
  }

  LeBuffer raw(byte[] b) {
    return raw(b, 0, b.length);
  }

  LeBuffer raw(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, bytes, size, length);
    size += length;
    return this;
  }

  /** A uint32 length prefix, then the UTF-8 bytes. */
  LeBuffer string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u32(b.length).raw(b);
  }

  /** A uint32 length prefix, then the bytes. */
  LeBuffer bytes(byte[] b) {
    return u32(b.length).raw(b);
  }
}
