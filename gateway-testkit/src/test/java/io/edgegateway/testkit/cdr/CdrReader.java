package io.edgegateway.testkit.cdr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A minimal XCDR1 little-endian reader for checking the structure of samples in tests. */
final class CdrReader {
  private static final int HEADER = 4;
  private final ByteBuffer buf;

  CdrReader(byte[] sample) {
    buf = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN);
    byte[] encapsulation = new byte[HEADER];
    buf.get(encapsulation);
    if (encapsulation[0] != 0 || encapsulation[1] != 1) {
      throw new IllegalStateException("not CDR_LE: " + encapsulation[0] + "," + encapsulation[1]);
    }
  }

  private void align(int n) {
    int offset = buf.position() - HEADER;
    int pad = (n - (offset % n)) % n;
    for (int i = 0; i < pad; i++) {
      if (buf.get() != 0) {
        throw new IllegalStateException("non-zero padding at " + (buf.position() - 1));
      }
    }
  }

  int uint8() {
    return buf.get() & 0xFF;
  }

  int int32() {
    align(4);
    return buf.getInt();
  }

  long uint32() {
    return int32() & 0xFFFF_FFFFL;
  }

  double float64() {
    align(8);
    return buf.getDouble();
  }

  String string() {
    int length = int32();
    if (length < 1 || length > buf.remaining()) {
      throw new IllegalStateException("bad string length " + length);
    }
    byte[] b = new byte[length];
    buf.get(b);
    if (b[length - 1] != 0) {
      throw new IllegalStateException("string without NUL");
    }
    return new String(b, 0, length - 1, StandardCharsets.UTF_8);
  }

  String[] strings() {
    String[] values = new String[int32()];
    for (int i = 0; i < values.length; i++) {
      values[i] = string();
    }
    return values;
  }

  double[] float64s() {
    return float64s(int32());
  }

  double[] float64s(int fixedLength) {
    double[] values = new double[fixedLength];
    for (int i = 0; i < values.length; i++) {
      values[i] = float64();
    }
    return values;
  }

  byte[] octets() {
    byte[] b = new byte[int32()];
    buf.get(b);
    return b;
  }

  /** Reads a std_msgs/Header and returns its stamp in ns since the epoch. */
  long header(String[] frameId) {
    long sec = int32();
    long nanosec = uint32();
    frameId[0] = string();
    return sec * 1_000_000_000L + nanosec;
  }

  int remaining() {
    return buf.remaining();
  }
}
