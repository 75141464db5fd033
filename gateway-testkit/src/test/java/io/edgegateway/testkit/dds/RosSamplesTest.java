package io.edgegateway.testkit.dds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RosSamplesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void cycloneStringMatchesBytesObservedOnTheWire() {
    // Captured from a Cyclone DDS 0.10.2 writer through a Fast-DDS raw subscription.
    assertThat(HEX.formatHex(RosSamples.cycloneString(0)))
        .isEqualTo("000100000800000068656c6c6f203000");
    assertThat(HEX.formatHex(RosSamples.cycloneString(199)))
        .isEqualTo("000100020a00000068656c6c6f20313939000000");
  }

  @Test
  void padsBodyToMultipleOfFourAndRecordsPaddingInOptions() {
    for (int bodyLength = 0; bodyLength < 8; bodyLength++) {
      byte[] cdr = new byte[4 + bodyLength];
      cdr[1] = 1;
      byte[] padded = RosSamples.asCycloneWrites(cdr);
      int pad = padded.length - cdr.length;
      assertThat((padded.length - 4) % 4).isZero();
      assertThat(pad).isBetween(0, 3);
      assertThat(padded[3] & 0x03).isEqualTo(pad);
    }
  }

  @Test
  void rejectsSampleShorterThanEncapsulationHeader() {
    assertThatThrownBy(() -> RosSamples.asCycloneWrites(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cdr.length : 3 (expected: >= 4)");
  }

  @Test
  void imuSampleHasRosLayout() {
    byte[] imu = RosSamples.cycloneImu(7);
    assertThat(imu).hasSize(324);
    ByteBuffer body =
        ByteBuffer.wrap(imu, 4, imu.length - 4).slice().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(body.getInt(0)).isEqualTo(7);
    assertThat(body.getInt(4)).isEqualTo(7000);
    assertThat(body.getInt(8)).isEqualTo(RosSamples.IMU_FRAME.length() + 1);
    assertThat(body.getDouble(24)).isEqualTo(3.5);
    assertThat(body.getDouble(48)).isEqualTo(1.0);
    assertThat(body.getDouble(128)).isEqualTo(7.5);
    assertThat(body.getDouble(224)).isEqualTo(5.25);
    assertThat(body.getDouble(240)).isEqualTo(9.80665);
    assertThat(body.getDouble(248)).isEqualTo(28.0);
    assertThat(body.getDouble(312)).isEqualTo(29.0);
  }
}
