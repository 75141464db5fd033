package io.edgegateway.ros2;

import java.nio.ByteBuffer;
import java.util.Objects;
import us.ihmc.idl.CDR;
import us.ihmc.idl.InterchangeSerializer;
import us.ihmc.pubsub.TopicDataType;
import us.ihmc.pubsub.common.SerializedPayload;

/**
 * A Fast-DDS topic type that carries samples as opaque CDR bytes, so any ROS 2 type can be
 * subscribed or published knowing only its name.
 *
 * <p>Implementation notes (ihmc-pub-sub 0.20.0, verified against Cyclone DDS 0.10.2 peers):
 *
 * <ul>
 *   <li>{@link #getName()} is the DDS wire type name ({@code pkg::msg::dds_::Type_}); it must match
 *       the peer's for endpoints to match.
 *   <li>{@link #getTypeSize()} is the largest serialized sample, encapsulation header included.
 *       Fast-DDS sizes its payload buffers from it; the subscriber's Java buffer holds {@code
 *       typeSize + 3} bytes and the publisher's {@code typeSize} bytes. A larger sample must never
 *       reach a subscriber: the native side copies it into the Java buffer without an effective
 *       bound. {@link BoundedReaderAttributes} makes Fast-DDS drop such samples first.
 *   <li>On receive, the buffer holds the sample exactly as it was on the wire, starting with the
 *       4-byte encapsulation header. {@link SerializedPayload#getLength()} is <em>not</em> the
 *       sample length: {@code FastRTPSSubscriber.preparePayload} adds the header size a second
 *       time, so it is 4 bytes too long (the tail is stale buffer content). The true length is
 *       {@code SampleInfo.getDataLength()}, available after {@code takeNextData} returns; so {@link
 *       #deserialize(SerializedPayload, RawSample)} only records the buffer and the subscription
 *       copies exactly that many bytes.
 *   <li>{@link SerializedPayload#getEncapsulation()} is not trustworthy on receive (it reads 0 for
 *       little-endian Cyclone samples); the header bytes in the buffer are.
 *   <li>On send, the bytes are written verbatim (header included) and the encapsulation kind is
 *       taken from the header's second byte.
 * </ul>
 */
final class RawCdrDataType implements TopicDataType<RawSample> {
  /** Bytes of the CDR encapsulation header that starts every serialized sample. */
  static final int ENCAPSULATION_HEADER_BYTES = 4;

  private final String ddsTypeName;
  private final int typeSize;

  RawCdrDataType(String ddsTypeName, int typeSize) {
    if (typeSize < ENCAPSULATION_HEADER_BYTES) {
      throw new IllegalArgumentException("typeSize : " + typeSize + " (expected: >= 4)");
    }
    this.ddsTypeName = ddsTypeName;
    this.typeSize = typeSize;
  }

  @Override
  public void serialize(RawSample data, SerializedPayload serializedPayload) {
    byte[] bytes = Objects.requireNonNull(data.outgoing(), "nothing to write");
    int length = data.outgoingLength();
    serializedPayload.getData().put(0, bytes, 0, length);
    serializedPayload.setLength(length);
    serializedPayload.setEncapsulation(bytes[1]);
  }

  @Override
  public void deserialize(SerializedPayload serializedPayload, RawSample data) {
    ByteBuffer buffer = serializedPayload.getData();
    data.received(buffer, buffer.limit());
  }

  @Override
  public void serialize(RawSample data, InterchangeSerializer serializer) {
    throw new UnsupportedOperationException("raw CDR samples have no interchange form");
  }

  @Override
  public void deserialize(InterchangeSerializer serializer, RawSample data) {
    throw new UnsupportedOperationException("raw CDR samples have no interchange form");
  }

  @Override
  public void serialize(RawSample data, CDR cdr) {
    throw new UnsupportedOperationException(
        "raw CDR samples are written through SerializedPayload");
  }

  @Override
  public void deserialize(RawSample data, CDR cdr) {
    throw new UnsupportedOperationException("raw CDR samples are read through SerializedPayload");
  }

  @Override
  public void copy(RawSample src, RawSample dest) {
    dest.toWrite(src.outgoing(), src.outgoingLength());
  }

  @Override
  public int getTypeSize() {
    return typeSize;
  }

  @Override
  public String getName() {
    return ddsTypeName;
  }

  @Override
  public RawSample createData() {
    return new RawSample();
  }

  @Override
  public TopicDataType<RawSample> newInstance() {
    return new RawCdrDataType(ddsTypeName, typeSize);
  }
}
