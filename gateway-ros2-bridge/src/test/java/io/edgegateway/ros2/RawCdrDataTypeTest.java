package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import us.ihmc.pubsub.common.SerializedPayload;

class RawCdrDataTypeTest {
  private static final byte[] SAMPLE = {0, 1, 0, 0, 3, 0, 0, 0, 'h', 'i', 0, 0};

  @Test
  void serializeWritesTheBytesVerbatim() {
    RawCdrDataType type = new RawCdrDataType("std_msgs::msg::dds_::String_", 64);
    RawSample sample = type.createData();
    sample.toWrite(SAMPLE, SAMPLE.length);
    SerializedPayload payload = new SerializedPayload(type.getTypeSize());

    type.serialize(sample, payload);

    byte[] written = new byte[payload.getLength()];
    payload.getData().get(0, written);
    assertThat(written).isEqualTo(SAMPLE);
    assertThat(payload.getEncapsulation()).isEqualTo(SerializedPayload.CDR_LE);
  }

  @Test
  void deserializeKeepsTheBufferForAnExactCopy() {
    RawCdrDataType type = new RawCdrDataType("std_msgs::msg::dds_::String_", 64);
    SerializedPayload payload = new SerializedPayload(type.getTypeSize() + 3);
    ByteBuffer data = payload.getData();
    data.put(0, SAMPLE);
    data.limit(SAMPLE.length + 4);
    RawSample sample = type.createData();

    type.deserialize(payload, sample);

    assertThat(sample.receivedCapacity()).isEqualTo(SAMPLE.length + 4);
    assertThat(sample.copyReceived(SAMPLE.length)).isEqualTo(SAMPLE);
  }

  @Test
  void describesTheWireType() {
    RawCdrDataType type = new RawCdrDataType("sensor_msgs::msg::dds_::Imu_", 1024);
    assertThat(type.getName()).isEqualTo("sensor_msgs::msg::dds_::Imu_");
    assertThat(type.getTypeSize()).isEqualTo(1024);
    assertThat(type.newInstance().getName()).isEqualTo(type.getName());
    assertThat(type.newInstance().getTypeSize()).isEqualTo(1024);
    assertThatThrownBy(() -> new RawCdrDataType("x", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("typeSize : 3 (expected: >= 4)");
  }
}
