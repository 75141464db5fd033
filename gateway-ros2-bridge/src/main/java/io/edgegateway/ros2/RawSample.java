package io.edgegateway.ros2;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reusable holder for one raw CDR sample moving through {@link RawCdrDataType}; never shared
 * between threads.
 *
 * <p>On the way in it only remembers where ihmc-pub-sub put the bytes ({@link #received}); the
 * subscription copies them out once the true length is known from the sample info. On the way out
 * it points at the caller's array ({@link #toWrite}).
 */
final class RawSample {
  private @Nullable ByteBuffer receivedBuffer; // null until the first sample
  private int receivedLimit;
  private byte @Nullable [] outgoing;
  private int outgoingLength;

  void received(ByteBuffer buffer, int limit) {
    this.receivedBuffer = buffer;
    this.receivedLimit = limit;
  }

  /** Bytes readable from the last received buffer. */
  int receivedCapacity() {
    return receivedBuffer == null ? 0 : Math.min(receivedLimit, receivedBuffer.capacity());
  }

  /** Copies the first {@code length} received bytes into a new array owned by the caller. */
  byte[] copyReceived(int length) {
    byte[] copy = new byte[length];
    Objects.requireNonNull(receivedBuffer, "no sample received").get(0, copy, 0, length);
    return copy;
  }

  /** Copies the first {@code length} received bytes into {@code target}, which the caller owns. */
  void copyReceived(byte[] target, int length) {
    Objects.requireNonNull(receivedBuffer, "no sample received").get(0, target, 0, length);
  }

  void toWrite(byte @Nullable [] payload, int length) {
    this.outgoing = payload;
    this.outgoingLength = length;
  }

  byte @Nullable [] outgoing() {
    return outgoing;
  }

  int outgoingLength() {
    return outgoingLength;
  }

  void clearOutgoing() {
    outgoing = null;
    outgoingLength = 0;
  }
}
