package io.edgegateway.testkit.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class HumanoidMessagesTest {
  private static final long STAMP = 1_750_000_000_123_456_789L;

  @Test
  void everyProfileTopicEncodesToItsDocumentedSizeWithin15Percent() {
    for (TopicLoad load : HumanoidProfile.humanoid1().topics()) {
      for (long seq = 0; seq < 200; seq += 7) {
        byte[] sample =
            HumanoidMessages.encoderFor(load.type())
                .encode(load.topic(), seq, STAMP + seq * 37_000_000L);
        assertThat(sample.length)
            .as("%s (%s) seq %d", load.topic(), load.type(), seq)
            .isBetween(
                (int) (load.expectedSizeBytes() * 0.85), (int) (load.expectedSizeBytes() * 1.15));
      }
    }
  }

  @Test
  void encodingIsAPureFunctionOfTopicSeqAndStamp() {
    for (TopicLoad load : HumanoidProfile.humanoid1().topics()) {
      HumanoidMessages.SampleEncoder encoder = HumanoidMessages.encoderFor(load.type());
      assertThat(encoder.encode(load.topic(), 42, STAMP))
          .as(load.topic())
          .isEqualTo(encoder.encode(load.topic(), 42, STAMP))
          .isNotEqualTo(encoder.encode(load.topic(), 43, STAMP + 1_000_000_000L));
    }
  }

  @Test
  void sameTypeOnDifferentTopicsCarriesDifferentValues() {
    assertThat(HumanoidMessages.imu("/imu/torso", 1, STAMP))
        .isNotEqualTo(HumanoidMessages.imu("/imu/pelvis", 1, STAMP));
  }

  @Test
  void jointStateDecodesTo29NamedJointsWithPositionVelocityAndEffort() {
    CdrReader r = new CdrReader(HumanoidMessages.jointState("/joint_states", 7, STAMP));
    String[] frame = new String[1];
    assertThat(r.header(frame)).isEqualTo(STAMP);
    assertThat(frame[0]).isEmpty();
    assertThat(r.strings()).containsExactlyElementsOf(HumanoidMessages.JOINT_NAMES);
    double[] position = r.float64s();
    double[] velocity = r.float64s();
    double[] effort = r.float64s();
    assertThat(position).hasSize(29);
    assertThat(velocity).hasSize(29);
    assertThat(effort).hasSize(29);
    for (double p : position) {
      assertThat(Math.abs(p)).isLessThan(Math.PI);
    }
    assertThat(r.remaining()).isZero();
  }

  @Test
  void jointPositionsMoveSmoothlyBetweenConsecutive500HzSamples() {
    long period = 2_000_000L;
    CdrReader a = skipToPositions(HumanoidMessages.jointState("/joint_states", 0, STAMP));
    CdrReader b = skipToPositions(HumanoidMessages.jointState("/joint_states", 1, STAMP + period));
    double[] first = a.float64s();
    double[] second = b.float64s();
    double[] velocity = a.float64s();
    for (int i = 0; i < 29; i++) {
      double step = second[i] - first[i];
      assertThat(step).isNotZero();
      assertThat(step).isCloseTo(velocity[i] * period / 1e9, within(1e-3));
    }
  }

  @Test
  void imuCarriesAUnitQuaternionFixedCovariancesAndGravity() {
    CdrReader r = new CdrReader(HumanoidMessages.imu("/imu/torso", 3, STAMP));
    String[] frame = new String[1];
    assertThat(r.header(frame)).isEqualTo(STAMP);
    assertThat(frame[0]).isEqualTo("torso_imu_link");
    double[] q = r.float64s(4);
    assertThat(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]).isCloseTo(1.0, within(1e-9));
    assertThat(r.float64s(9)).containsExactly(1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4);
    r.float64s(3);
    r.float64s(9);
    double[] acceleration = r.float64s(3);
    assertThat(acceleration[2]).isBetween(8.0, 11.5);
    r.float64s(9);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void wrenchStampedIsHeaderForceAndTorque() {
    CdrReader r = new CdrReader(HumanoidMessages.wrenchStamped("/ft/left_ankle", 0, STAMP));
    String[] frame = new String[1];
    r.header(frame);
    assertThat(frame[0]).isEqualTo("left_ankle_ft_link");
    double[] force = r.float64s(3);
    r.float64s(3);
    assertThat(force[2]).isBetween(50.0, 550.0);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void compressedImageIsAJpegShapedFrameThatCompressesSomewhat() {
    byte[] sample = HumanoidMessages.compressedImage("/camera/head/compressed", 9, STAMP);
    CdrReader r = new CdrReader(sample);
    String[] frame = new String[1];
    r.header(frame);
    assertThat(frame[0]).isEqualTo("head_camera_optical_frame");
    assertThat(r.string()).isEqualTo("jpeg");
    byte[] data = r.octets();
    assertThat(r.remaining()).isZero();
    assertThat(data.length).isBetween(58_000, 62_000);
    assertThat(data[0] & 0xFF).isEqualTo(0xFF);
    assertThat(data[1] & 0xFF).isEqualTo(0xD8);
    assertThat(data[data.length - 2] & 0xFF).isEqualTo(0xFF);
    assertThat(data[data.length - 1] & 0xFF).isEqualTo(0xD9);
    double ratio = (double) deflatedSize(data) / data.length;
    assertThat(ratio).isBetween(0.3, 0.95);
  }

  @Test
  void consecutiveCameraFramesDiffer() {
    assertThat(HumanoidMessages.compressedImage("/camera/left/compressed", 1, STAMP))
        .isNotEqualTo(HumanoidMessages.compressedImage("/camera/left/compressed", 2, STAMP));
  }

  @Test
  void diagnosticArrayDecodesToStatusesWithKeyValues() {
    CdrReader r = new CdrReader(HumanoidMessages.diagnosticArray("/diagnostics", 5, STAMP));
    r.header(new String[1]);
    int statuses = r.int32();
    assertThat(statuses).isEqualTo(12);
    for (int i = 0; i < statuses; i++) {
      assertThat(r.uint8()).isBetween(0, 3);
      assertThat(r.string()).isNotEmpty();
      assertThat(r.string()).isIn("OK", "temperature high");
      assertThat(r.string()).startsWith("g1-");
      int values = r.int32();
      assertThat(values).isEqualTo(4);
      for (int v = 0; v < values; v++) {
        assertThat(r.string()).isNotEmpty();
        assertThat(r.string()).isNotEmpty();
      }
    }
    assertThat(r.remaining()).isZero();
  }

  @Test
  void jointTrajectoryDecodesToOnePositionPointFor29Joints() {
    CdrReader r = new CdrReader(HumanoidMessages.jointTrajectory("/joint_commands", 0, STAMP));
    assertThat(r.header(new String[1])).isEqualTo(STAMP);
    assertThat(r.strings()).containsExactlyElementsOf(HumanoidMessages.COMMAND_JOINT_NAMES);
    assertThat(r.int32()).isEqualTo(1);
    assertThat(r.float64s()).hasSize(29);
    assertThat(r.float64s()).isEmpty();
    assertThat(r.float64s()).isEmpty();
    assertThat(r.float64s()).isEmpty();
    assertThat(r.int32()).isZero();
    assertThat(r.uint32()).isEqualTo(2_000_000L);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void twistIsSixDoublesAfterTheEncapsulationHeader() {
    byte[] sample = HumanoidMessages.twist("/cmd_vel", 0, STAMP);
    assertThat(sample).hasSize(4 + 48);
    CdrReader r = new CdrReader(sample);
    assertThat(r.float64s(6)[0]).isBetween(0.2, 0.8);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void encoderForRejectsTypesOutsideTheSimulatedSet() {
    assertThatThrownBy(
            () -> HumanoidMessages.encoderFor(RosTypeName.parse("sensor_msgs/msg/LaserScan")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("type : sensor_msgs/msg/LaserScan (expected: one of");
  }

  private static CdrReader skipToPositions(byte[] jointState) {
    CdrReader r = new CdrReader(jointState);
    r.header(new String[1]);
    r.strings();
    return r;
  }

  private static int deflatedSize(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    byte[] out = new byte[data.length + 1024];
    int size = 0;
    while (!deflater.finished()) {
      size += deflater.deflate(out);
    }
    deflater.end();
    return size;
  }
}
