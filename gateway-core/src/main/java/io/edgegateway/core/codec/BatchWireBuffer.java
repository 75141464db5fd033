package io.edgegateway.core.codec;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A reused buffer into which {@link BatchCodec} writes one batch in the protobuf wire format of
 * {@code TelemetryBatch}: the batch's other fields as one serialized message, then every record
 * written directly as a {@code records} (field 8) entry, so sealing allocates no protobuf object
 * per sample; then the whole is compressed into a reused output buffer.
 *
 * <p>Protobuf parses a message's fields in any order and appends repeated fields, so the head
 * followed by the records parses as the one {@code TelemetryBatch}; zero-valued fields and empty
 * payloads are left out as protobuf itself does, so the size is the builder's. Not thread-safe: one
 * per sealing thread. Buffers that grew beyond {@value #RETAINED_BYTES} bytes for a large batch are
 * released after it.
 */
final class BatchWireBuffer {
  static final int RETAINED_BYTES = 4 * 1024 * 1024;
  private static final int INITIAL_BYTES = 64 * 1024;
  private static final int RECORDS_FIELD = 8;
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;

  private byte[] buffer = new byte[INITIAL_BYTES];
  private byte[] compressed = new byte[0];
  private int length;

  /** Starts a batch with its fields other than the records. */
  void start(MessageLite head) {
    int size = head.getSerializedSize();
    length = 0;
    ensure(size);
    CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, size);
    try {
      head.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an array-backed stream of the exact size cannot fail
    }
    length = size;
  }

  /** Appends one {@code Record}; {@code payload} null for a record whose payload is elsewhere. */
  void addRecord(
      int topicId, long sourceStampNs, long receiveStampNs, long seq, byte @Nullable [] payload) {
    int body =
        fieldSize(1, topicId & 0xFFFFFFFFL)
            + fieldSize(2, sourceStampNs)
            + fieldSize(3, receiveStampNs)
            + fieldSize(4, seq);
    int payloadLength = payload == null ? 0 : payload.length;
    if (payloadLength > 0) {
      body += 1 + varintSize(payloadLength) + payloadLength;
    }
    ensure(length + 1 + varintSize(body) + body);
    writeVarint((RECORDS_FIELD << 3) | LENGTH_DELIMITED);
    writeVarint(body);
    writeField(1, topicId & 0xFFFFFFFFL);
    writeField(2, sourceStampNs);
    writeField(3, receiveStampNs);
    writeField(4, seq);
    if (payload != null && payloadLength > 0) {
      writeVarint((5 << 3) | LENGTH_DELIMITED);
      writeVarint(payloadLength);
      System.arraycopy(payload, 0, buffer, length, payloadLength);
      length += payloadLength;
    }
  }

  /** Bytes of the batch written so far (the uncompressed message). */
  int length() {
    return length;
  }

  /** A copy of the uncompressed message. */
  byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  /**
   * The message compressed as one zstd frame at {@code level}, in an array of its own; then
   * releases buffers grown for a large batch.
   */
  byte[] compress(int level) {
    int bound = (int) Math.min(Integer.MAX_VALUE - 8, Zstd.compressBound(length));
    if (compressed.length < bound) {
      compressed = new byte[bound];
    }
    long n = Zstd.compressByteArray(compressed, 0, compressed.length, buffer, 0, length, level);
    if (Zstd.isError(n)) {
      throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
    }
    byte[] frame = Arrays.copyOf(compressed, (int) n);
    release();
    return frame;
  }

  /** Drops buffers that grew beyond {@link #RETAINED_BYTES}. */
  void release() {
    if (buffer.length > RETAINED_BYTES) {
      buffer = new byte[INITIAL_BYTES];
    }
    if (compressed.length > RETAINED_BYTES) {
      compressed = new byte[0];
    }
  }

  private void ensure(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("batch larger than 2 GiB");
    }
    if (capacity > buffer.length) {
      buffer =
          Arrays.copyOf(
              buffer,
              Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length)));
    }
  }

  private static int fieldSize(int field, long value) {
    return value == 0 ? 0 : varintSize((field << 3) | VARINT) + varintSize(value);
  }

  private void writeField(int field, long value) {
    if (value != 0) {
      writeVarint((field << 3) | VARINT);
      writeVarint(value);
    }
  }

  private static int varintSize(long value) {
    return CodedOutputStream.computeUInt64SizeNoTag(value);
  }

  private void writeVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[length++] = (byte) v;
  }
}
