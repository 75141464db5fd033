package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.testkit.cdr.CdrWriter;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.dds.RosSamples;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdrDecoderTest {
  private static final MessageRegistry REGISTRY = MessageRegistry.bundled();
  private static final CdrDecoder DECODER = new CdrDecoder(REGISTRY);
  private static final long STAMP = 1_732_000_123_456_789_012L;
  private static final List<RosTypeName> HUMANOID_TYPES =
      List.of(
          HumanoidMessages.JOINT_STATE,
          HumanoidMessages.IMU,
          HumanoidMessages.WRENCH_STAMPED,
          HumanoidMessages.COMPRESSED_IMAGE,
          HumanoidMessages.DIAGNOSTIC_ARRAY,
          HumanoidMessages.JOINT_TRAJECTORY,
          HumanoidMessages.TWIST);

  @SuppressWarnings("unchecked")
  private static <T> T at(Object tree, Object... path) {
    Object v = tree;
    for (Object p : path) {
      v = p instanceof Integer ? ((List<Object>) v).get((Integer) p) : ((Map<?, ?>) v).get(p);
    }
    return (T) v;
  }

  @Test
  void humanoidSamplesDecodeAndReEncodeToTheSameBytes() throws CdrDecodeException {
    for (RosTypeName type : HUMANOID_TYPES) {
      for (long seq = 1; seq <= 3; seq++) {
        byte[] sample =
            HumanoidMessages.encoderFor(type).encode("/robot/topic", seq, STAMP + seq * 1_000_000);
        Map<String, Object> tree = DECODER.decode(type.toString(), sample);
        assertThat(ValueEncoder.encode(REGISTRY, type.toString(), tree, ByteOrder.LITTLE_ENDIAN))
            .as(type.toString())
            .isEqualTo(sample);
      }
    }
  }

  @Test
  void jointStateOf29JointsDecodesToTheEncodedValues() throws CdrDecodeException {
    String topic = "/joint_states";
    Map<String, Object> js =
        DECODER.decode("sensor_msgs/msg/JointState", HumanoidMessages.jointState(topic, 7, STAMP));
    assertThat(js).containsOnlyKeys("header", "name", "position", "velocity", "effort");
    assertThat((Integer) at(js, "header", "stamp", "sec"))
        .isEqualTo((int) (STAMP / 1_000_000_000L));
    assertThat((Long) at(js, "header", "stamp", "nanosec")).isEqualTo(STAMP % 1_000_000_000L);
    assertThat((String) at(js, "header", "frame_id")).isEmpty();
    assertThat((List<Object>) at(js, "name"))
        .containsExactlyElementsOf(HumanoidMessages.JOINT_NAMES);
    double phase = Math.floorMod(topic.hashCode(), 6283) / 1000.0;
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 29; i++) {
      double omega = 2 * Math.PI * (0.45 + 0.15 * (i % 4));
      expected.add((0.15 + 0.05 * (i % 5)) * StrictMath.sin(omega * (STAMP / 1e9) + phase + i));
    }
    assertThat((List<Object>) at(js, "position")).containsExactlyElementsOf(expected);
    assertThat((List<Object>) at(js, "velocity")).hasSize(29);
    assertThat((List<Object>) at(js, "effort")).hasSize(29);
  }

  @Test
  void cycloneImuDecodesToThePublishedValuesDespitePadding() throws CdrDecodeException {
    for (int i : new int[] {0, 1, 199}) {
      Map<String, Object> imu = DECODER.decode(RosSamples.IMU_TYPE, RosSamples.cycloneImu(i));
      assertThat((Integer) at(imu, "header", "stamp", "sec")).isEqualTo(i);
      assertThat((Long) at(imu, "header", "stamp", "nanosec")).isEqualTo(i * 1000L);
      assertThat((String) at(imu, "header", "frame_id")).isEqualTo(RosSamples.IMU_FRAME);
      assertThat((Map<?, ?>) at(imu, "orientation"))
          .isEqualTo(Map.of("x", i * 0.5, "y", i * 0.25, "z", -i * 0.125, "w", 1.0));
      assertThat((Map<?, ?>) at(imu, "angular_velocity"))
          .isEqualTo(Map.of("x", i + 0.5, "y", i + 1.5, "z", -(i + 2.5)));
      assertThat((Map<?, ?>) at(imu, "linear_acceleration"))
          .isEqualTo(Map.of("x", i * 0.75, "y", -i * 0.75, "z", 9.80665));
      for (int k = 0; k < 9; k++) {
        assertThat((Double) at(imu, "orientation_covariance", k)).isEqualTo(i + k * 0.5);
        assertThat((Double) at(imu, "angular_velocity_covariance", k))
            .isEqualTo(i * 2.0 + k * 0.25);
        assertThat((Double) at(imu, "linear_acceleration_covariance", k))
            .isEqualTo(i * 4.0 + k * 0.125);
      }
    }
    for (int i : new int[] {0, 199}) {
      assertThat(DECODER.decode(RosSamples.STRING_TYPE, RosSamples.cycloneString(i)))
          .isEqualTo(Map.of("data", RosSamples.stringData(i)));
    }
  }

  @Test
  void nestedSequencesOfDiagnosticsDecode() throws CdrDecodeException {
    Map<String, Object> d =
        DECODER.decode(
            "diagnostic_msgs/msg/DiagnosticArray",
            HumanoidMessages.diagnosticArray("/diagnostics", 1200, STAMP));
    List<Object> status = at(d, "status");
    assertThat(status).hasSize(12);
    assertThat((String) at(d, "status", 0, "name")).isEqualTo("joint_driver/left_leg");
    assertThat((String) at(d, "status", 11, "hardware_id")).isEqualTo("g1-0001-11");
    assertThat((List<Object>) at(d, "status", 5, "values"))
        .extracting(v -> (Object) ((Map<?, ?>) v).get("key"))
        .containsExactly("temperature_c", "voltage_v", "current_a", "error_count");
    assertThat((String) at(d, "status", 5, "values", 3, "value")).isEqualTo("2");
    for (Object s : status) {
      int level = at(s, "level");
      assertThat(level).isIn(0, 1);
      assertThat((String) at(s, "message")).isEqualTo(level == 1 ? "temperature high" : "OK");
    }
  }

  @Test
  void compressedImageDataIsTheRawBytes() throws CdrDecodeException {
    byte[] sample = HumanoidMessages.compressedImage("/camera/head/compressed", 42, STAMP);
    Map<String, Object> img = DECODER.decode("sensor_msgs/msg/CompressedImage", sample);
    assertThat((String) at(img, "format")).isEqualTo("jpeg");
    assertThat((String) at(img, "header", "frame_id")).isEqualTo("head_camera_optical_frame");
    byte[] data = at(img, "data");
    assertThat(data.length).isBetween(58_000, 62_000);
    assertThat(Arrays.copyOfRange(sample, sample.length - data.length, sample.length))
        .isEqualTo(data);
    assertThat(data[0]).isEqualTo((byte) 0xFF);
    assertThat(data[data.length - 1]).isEqualTo((byte) 0xD9);
  }

  @Test
  void jointTrajectoryWrenchAndTwistDecode() throws CdrDecodeException {
    Map<String, Object> jt =
        DECODER.decode(
            "trajectory_msgs/msg/JointTrajectory",
            HumanoidMessages.jointTrajectory("/joint_commands", 1, STAMP));
    assertThat((List<Object>) at(jt, "joint_names"))
        .containsExactlyElementsOf(HumanoidMessages.COMMAND_JOINT_NAMES);
    assertThat((List<Object>) at(jt, "points")).hasSize(1);
    assertThat((List<Object>) at(jt, "points", 0, "positions")).hasSize(29);
    assertThat((List<Object>) at(jt, "points", 0, "velocities")).isEmpty();
    assertThat((Map<?, ?>) at(jt, "points", 0, "time_from_start"))
        .isEqualTo(Map.of("sec", 0, "nanosec", 2_000_000L));

    Map<String, Object> w =
        DECODER.decode(
            "geometry_msgs/msg/WrenchStamped",
            HumanoidMessages.wrenchStamped("/ft/left_ankle", 1, STAMP));
    assertThat((String) at(w, "header", "frame_id")).isEqualTo("left_ankle_ft_link");
    assertThat((Double) at(w, "wrench", "force", "z")).isBetween(50.0, 550.0);

    Map<String, Object> t =
        DECODER.decode("geometry_msgs/msg/Twist", HumanoidMessages.twist("/cmd_vel", 1, STAMP));
    assertThat((Double) at(t, "linear", "z")).isEqualTo(0.0);
    assertThat((Double) at(t, "angular", "x")).isEqualTo(0.0);
    assertThat((Double) at(t, "linear", "x")).isBetween(0.2, 0.8);
  }

  @Test
  void bigEndianSamplesDecodeWithAlignmentFromTheHeader() throws CdrDecodeException {
    MessageRegistry reg =
        MessageRegistry.fromFullDefinition("t_msgs/msg/Pair", "int32 a\nfloat64 b\n");
    byte[] be = {
      0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0x40, 0x09, 0x21, (byte) 0xFB, 0x54, 0x44, 0x2D, 0x18
    };
    assertThat(new CdrDecoder(reg).decode("t_msgs/msg/Pair", be))
        .isEqualTo(Map.of("a", 7, "b", Math.PI));

    for (RosTypeName type : HUMANOID_TYPES) {
      Map<String, Object> tree =
          DECODER.decode(
              type.toString(), HumanoidMessages.encoderFor(type).encode("/big", 3, STAMP));
      byte[] big = ValueEncoder.encode(REGISTRY, type.toString(), tree, ByteOrder.BIG_ENDIAN);
      assertThat(big[1]).isZero();
      assertThat(
              ValueEncoder.encode(
                  REGISTRY,
                  type.toString(),
                  DECODER.decode(type.toString(), big),
                  ByteOrder.LITTLE_ENDIAN))
          .isEqualTo(ValueEncoder.encode(REGISTRY, type.toString(), tree, ByteOrder.LITTLE_ENDIAN));
    }
  }

  @Test
  void everyPrimitiveRoundTripsInBothByteOrders() throws CdrDecodeException {
    MessageRegistry reg =
        MessageRegistry.fromFullDefinition(
            "t_msgs/msg/All",
            "bool a\nbyte b\nchar c\nint8 d\nuint8 e\nint16 f\nuint16 g\nint32 h\nuint32 i\n"
                + "int64 j\nuint64 k\nfloat32 l\nfloat64 m\nstring n\nwstring o\nstring<=4 p\n"
                + "int16[3] q\nuint32[<=2] r\nEmpty s\nEmpty[2] t\nuint8[2] u\n"
                + "\n"
                + MessageRegistry.SEPARATOR
                + "\nMSG: t_msgs/Empty\n# nothing\n");
    Map<String, Object> tree = new java.util.LinkedHashMap<>();
    tree.put("a", true);
    tree.put("b", 255);
    tree.put("c", 65);
    tree.put("d", -128);
    tree.put("e", 200);
    tree.put("f", -32768);
    tree.put("g", 65535);
    tree.put("h", Integer.MIN_VALUE);
    tree.put("i", 4_294_967_295L);
    tree.put("j", Long.MIN_VALUE);
    tree.put("k", new BigInteger("18446744073709551615"));
    tree.put("l", 1.5f);
    tree.put("m", -2.25);
    tree.put("n", "héllo");
    tree.put("o", "wïde");
    tree.put("p", "abcd");
    tree.put("q", List.of(1, -2, 3));
    tree.put("r", List.of(7L));
    tree.put("s", Map.of());
    tree.put("t", List.of(Map.of(), Map.of()));
    tree.put("u", new byte[] {9, 8});
    CdrDecoder decoder = new CdrDecoder(reg);
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      Map<String, Object> decoded =
          decoder.decode("t_msgs/msg/All", ValueEncoder.encode(reg, "t_msgs/msg/All", tree, order));
      assertThat(decoded).usingRecursiveComparison().isEqualTo(tree);
      assertThat(decoded.keySet()).containsExactlyElementsOf(tree.keySet());
    }
  }

  @Test
  void malformedSamplesFailWithATypedError() {
    byte[] imu = RosSamples.imuCdr(3);
    assertThatThrownBy(() -> DECODER.decode("sensor_msgs/msg/Imu", Arrays.copyOf(imu, 100)))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("left");
    assertThatThrownBy(() -> DECODER.decode("sensor_msgs/msg/Imu", new byte[] {0, 1}))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("no encapsulation header");
    byte[] xcdr2 = imu.clone();
    xcdr2[1] = 0x07;
    assertThatThrownBy(() -> DECODER.decode("sensor_msgs/msg/Imu", xcdr2))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("unsupported encapsulation 00 07");
    assertThatThrownBy(() -> DECODER.decode("nope_msgs/msg/X", imu))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessage("unknown message type nope_msgs/msg/X");
    byte[] noNul = new CdrWriter().string("abc").toByteArray();
    noNul[noNul.length - 1] = 'x';
    assertThatThrownBy(() -> DECODER.decode("std_msgs/msg/String", noNul))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("lacks its NUL");
  }

  @Test
  void boundsOfStringsAndSequencesAreEnforced() {
    MessageRegistry reg =
        MessageRegistry.fromFullDefinition("t_msgs/msg/B", "string<=3 s\nint32[<=2] v\n");
    CdrDecoder decoder = new CdrDecoder(reg);
    byte[] longString = new CdrWriter().string("abcd").sequenceLength(0).toByteArray();
    assertThatThrownBy(() -> decoder.decode("t_msgs/msg/B", longString))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("exceeds 3");
    byte[] longSeq =
        new CdrWriter().string("ab").sequenceLength(3).int32(1).int32(2).int32(3).toByteArray();
    assertThatThrownBy(() -> decoder.decode("t_msgs/msg/B", longSeq))
        .isInstanceOf(CdrDecodeException.class)
        .hasMessageContaining("exceeds its bound 2");
  }

  @Test
  void aFourGigabyteLengthPrefixFailsWithoutAllocatingIt() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    List<byte[]> samples = new ArrayList<>();
    byte[] image = HumanoidMessages.compressedImage("/camera/compressed", 1, STAMP);
    // header: 4 + stamp 8 + frame_id; format "jpeg" then the data length
    int frameLen = 4 + 8;
    int frameIdLength = image[frameLen] & 0xFF;
    int formatAt = align4(frameLen + 4 + frameIdLength);
    int dataLengthAt = formatAt + 4 + 5 + 3;
    samples.add(withUint32(image, dataLengthAt, 0xFFFF_FFFFL));
    byte[] joints = HumanoidMessages.jointState("/joint_states", 1, STAMP);
    samples.add(withUint32(joints, 16 + 4, 0xFFFF_FFFFL));
    samples.add(withUint32(joints, 16 + 8, 0xFFFF_FFF0L));
    for (byte[] sample : samples) {
      long before = threads.getThreadAllocatedBytes(thread);
      String type =
          sample.length > 10_000 ? "sensor_msgs/msg/CompressedImage" : "sensor_msgs/msg/JointState";
      assertThatThrownBy(() -> DECODER.decode(type, sample))
          .isInstanceOf(CdrDecodeException.class)
          .hasMessageContaining("exceeds the");
      assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(1 << 20);
    }
  }

  private static int align4(int offset) {
    return 4 + ((offset - 4 + 3) & ~3);
  }

  private static byte[] withUint32(byte[] sample, int offset, long value) {
    byte[] copy = sample.clone();
    for (int i = 0; i < 4; i++) {
      copy[offset + i] = (byte) (value >>> (8 * i));
    }
    return copy;
  }
}
