package io.edgegateway.testkit.cdr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ROS 2 samples in plain CDR (XCDR1, little endian) with the 4-byte encapsulation header,
 * exactly as rmw implementations put them on the wire. Alignment is relative to the end of the
 * encapsulation header. Used by the simulator and by tests to build expected payloads.
 */
public final class CdrWriter {
  private static final int HEADER = 4;
  private ByteBuffer buf;

  public CdrWriter() {
    this(256);
  }

  public CdrWriter(int initialCapacity) {
    buf = ByteBuffer.allocate(Math.max(initialCapacity, 16)).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x00).put((byte) 0x01).put((byte) 0x00).put((byte) 0x00);
  }

  private void ensure(int more) {
    if (buf.remaining() < more) {
      ByteBuffer bigger =
          ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
              .order(ByteOrder.LITTLE_ENDIAN);
      buf.flip();
      bigger.put(buf);
      buf = bigger;
    }
  }

  private void align(int n) {
    int offset = buf.position() - HEADER;
    int pad = (n - (offset % n)) % n;
    ensure(pad);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) 0);
    }
  }

  public CdrWriter bool(boolean v) {
    return uint8(v ? 1 : 0);
  }

  public CdrWriter uint8(int v) {
    ensure(1);
    buf.put((byte) v);
    return this;
  }

  public CdrWriter int16(int v) {
    align(2);
    ensure(2);
    buf.putShort((short) v);
    return this;
  }

  public CdrWriter int32(int v) {
    align(4);
    ensure(4);
    buf.putInt(v);
    return this;
  }

  public CdrWriter uint32(long v) {
    return int32((int) v);
  }

  public CdrWriter int64(long v) {
    align(8);
    ensure(8);
    buf.putLong(v);
    return this;
  }

  public CdrWriter float32(float v) {
    align(4);
    ensure(4);
    buf.putFloat(v);
    return this;
  }

  public CdrWriter float64(double v) {
    align(8);
    ensure(8);
    buf.putDouble(v);
    return this;
  }

  /** A CDR string: uint32 length including the terminating NUL, the UTF-8 bytes, NUL. */
  public CdrWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int32(b.length + 1);
    ensure(b.length + 1);
    buf.put(b).put((byte) 0);
    return this;
  }

  /** A sequence length prefix; write the elements after it. */
  public CdrWriter sequenceLength(int n) {
    return int32(n);
  }

  /** {@code uint8[]} / {@code byte[]} sequence: length then the raw bytes. */
  public CdrWriter octets(byte[] data) {
    int32(data.length);
    ensure(data.length);
    buf.put(data);
    return this;
  }

  /**
   * Raw bytes without a length prefix, e.g. part of a {@code uint8[]} body after {@link
   * #sequenceLength}.
   */
  public CdrWriter bytes(byte[] src, int offset, int length) {
    ensure(length);
    buf.put(src, offset, length);
    return this;
  }

  public CdrWriter float64s(double[] values) {
    int32(values.length);
    for (double v : values) {
      float64(v);
    }
    return this;
  }

  /** {@code builtin_interfaces/Time}: int32 sec, uint32 nanosec. */
  public CdrWriter time(int sec, int nanosec) {
    return int32(sec).int32(nanosec);
  }

  /** {@code std_msgs/Header}: stamp then frame_id. */
  public CdrWriter header(int sec, int nanosec, String frameId) {
    return time(sec, nanosec).string(frameId);
  }

  /** Bytes written so far, header included. */
  public int size() {
    return buf.position();
  }

  /** The serialized sample. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf.array(), buf.position());
  }
}
