package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdrFieldCatalogTest {
  private static final MessageRegistry REGISTRY = MessageRegistry.bundled();
  private static final CdrFieldCatalog CATALOG = CdrFieldCatalog.of(REGISTRY);
  private static final CdrDecoder DECODER = new CdrDecoder(REGISTRY);

  private static FieldReader reader(String type, String path) {
    return CATALOG.reader(RosTypeName.parse(type), FieldPath.parse(path)).orElseThrow();
  }

  private static IllegalArgumentException refused(String type, String path) {
    try {
      CATALOG.reader(RosTypeName.parse(type), FieldPath.parse(path));
    } catch (IllegalArgumentException e) {
      return e;
    }
    throw new AssertionError(path + " in " + type + " was accepted");
  }

  /** Every primitive leaf of a decoded value, as path → value (byte arrays as element ints). */
  static Map<String, Object> leaves(Map<String, Object> message) {
    Map<String, Object> out = new LinkedHashMap<>();
    leaves("", message, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void leaves(String prefix, Object value, Map<String, Object> out) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> leaves(prefix.isEmpty() ? (String) k : prefix + "." + k, v, out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        leaves(prefix + "[" + i + "]", l.get(i), out);
      }
    } else if (value instanceof byte[] b) {
      for (int i = 0; i < b.length; i += Math.max(1, b.length / 7)) {
        out.put(prefix + "[" + i + "]", b[i] & 0xFF);
      }
    } else {
      out.put(prefix, value);
    }
  }

  /** Each leaf read through its own path equals what the full decoder produced. */
  private static void assertEveryLeafReadsAsDecoded(String type, byte[] sample) throws Exception {
    Map<String, Object> leaves = leaves(DECODER.decode(type, sample));
    assertThat(leaves).isNotEmpty();
    for (Map.Entry<String, Object> leaf : leaves.entrySet()) {
      assertThat(reader(type, leaf.getKey()).read(sample))
          .as(leaf.getKey())
          .isEqualTo(leaf.getValue());
    }
  }

  @Test
  void readsEveryLeafOfHumanoidMessagesAsTheFullDecoderDoes() throws Exception {
    long stamp = 1_700_000_000_123_456_789L;
    assertEveryLeafReadsAsDecoded(
        "sensor_msgs/msg/JointState", HumanoidMessages.jointState("/joint_states", 7, stamp));
    assertEveryLeafReadsAsDecoded("sensor_msgs/msg/Imu", HumanoidMessages.imu("/imu", 7, stamp));
    assertEveryLeafReadsAsDecoded(
        "geometry_msgs/msg/WrenchStamped", HumanoidMessages.wrenchStamped("/ft/left", 7, stamp));
    assertEveryLeafReadsAsDecoded(
        "diagnostic_msgs/msg/DiagnosticArray",
        HumanoidMessages.diagnosticArray("/diagnostics", 7, stamp));
    assertEveryLeafReadsAsDecoded(
        "sensor_msgs/msg/CompressedImage",
        HumanoidMessages.compressedImage("/camera/head/compressed", 7, stamp));
    assertEveryLeafReadsAsDecoded(
        "trajectory_msgs/msg/JointTrajectory",
        HumanoidMessages.jointTrajectory("/joint_trajectory", 7, stamp));
  }

  @Test
  void readsBigEndianSamples() throws Exception {
    byte[] little = HumanoidMessages.jointState("/joint_states", 3, 1_000_000_000L);
    Map<String, Object> value = DECODER.decode("sensor_msgs/msg/JointState", little);
    byte[] big =
        ValueEncoder.encode(REGISTRY, "sensor_msgs/msg/JointState", value, ByteOrder.BIG_ENDIAN);
    List<?> position = (List<?>) value.get("position");
    assertThat(reader("sensor_msgs/msg/JointState", "position[28]").read(big))
        .isEqualTo(position.get(28));
    assertThat(reader("sensor_msgs/msg/JointState", "header.stamp.sec").read(big)).isEqualTo(1);
  }

  @Test
  void kindsFollowTheFieldType() {
    assertThat(reader("sensor_msgs/msg/JointState", "position[0]").kind())
        .isEqualTo(FieldReader.Kind.NUMBER);
    assertThat(reader("sensor_msgs/msg/JointState", "name[0]").kind())
        .isEqualTo(FieldReader.Kind.TEXT);
    assertThat(reader("sensor_msgs/msg/BatteryState", "present").kind())
        .isEqualTo(FieldReader.Kind.BOOLEAN);
    assertThat(reader("sensor_msgs/msg/JointState", "header.stamp.sec").path())
        .hasToString("header.stamp.sec");
  }

  @Test
  void anIndexPastTheEndOfThisSamplesSequenceIsAReadFailure() throws Exception {
    byte[] sample = HumanoidMessages.jointState("/joint_states", 1, 0);
    FieldReader r = reader("sensor_msgs/msg/JointState", "position[29]");
    assertThatThrownBy(() -> r.read(sample))
        .isInstanceOf(FieldReadException.class)
        .hasMessage(
            "position[29]: index 29 is past the end of position (29 elements in this sample)");
  }

  @Test
  void truncatedAndForeignSamplesAreReadFailures() {
    byte[] sample = HumanoidMessages.jointState("/joint_states", 1, 0);
    FieldReader r = reader("sensor_msgs/msg/JointState", "effort[28]");
    byte[] cut = java.util.Arrays.copyOf(sample, sample.length - 4);
    assertThatThrownBy(() -> r.read(cut)).isInstanceOf(FieldReadException.class);
    assertThatThrownBy(() -> r.read(new byte[] {0, 1}))
        .isInstanceOf(FieldReadException.class)
        .hasMessage("effort[28]: not a plain CDR sample");
    assertThatThrownBy(() -> r.read(new byte[] {0, 7, 0, 0, 1, 2, 3, 4}))
        .isInstanceOf(FieldReadException.class);
    byte[] hugeLength = {0, 1, 0, 0, 0, 0, 0, (byte) 0x7f, 65, 0};
    assertThatThrownBy(() -> reader("std_msgs/msg/String", "data").read(hugeLength))
        .isInstanceOf(FieldReadException.class)
        .hasMessageContaining("bytes left");
  }

  @Test
  void refusesPathsThatDoNotNameOneValue() {
    assertThat(refused("sensor_msgs/msg/JointState", "positon[3]"))
        .hasMessage(
            "no field 'positon' in sensor_msgs/msg/JointState (fields: header, name, position,"
                + " velocity, effort)");
    assertThat(refused("sensor_msgs/msg/JointState", "position"))
        .hasMessage("'position' is an array (float64[]); name one element, e.g. position[0]");
    assertThat(refused("sensor_msgs/msg/JointState", "header[0].frame_id"))
        .hasMessage("'header' is not an array (std_msgs/msg/Header); remove [0]");
    assertThat(refused("sensor_msgs/msg/JointState", "header.stamp"))
        .hasMessage(
            "'header.stamp' is a message (builtin_interfaces/msg/Time); name one of its fields,"
                + " e.g. header.stamp.sec");
    assertThat(refused("sensor_msgs/msg/JointState", "header.stamp.sec.x"))
        .hasMessage("'header.stamp.sec' is a int32; the path cannot continue past it");
    assertThat(refused("sensor_msgs/msg/Imu", "orientation_covariance[9]"))
        .hasMessage(
            "index 9 is out of range for 'orientation_covariance' (float64[9], indexes 0..8)");
    assertThat(refused("diagnostic_msgs/msg/DiagnosticArray", "status[0].values[0].nope"))
        .hasMessageStartingWith("no field 'nope' in diagnostic_msgs/msg/KeyValue");
  }

  @Test
  void unknownTypesCannotBeChecked() {
    assertThat(CATALOG.reader(RosTypeName.parse("acme_msgs/msg/Thing"), FieldPath.parse("x")))
        .isEmpty();
  }

  @Test
  void skipsNestedSequencesToReachALaterField() throws Exception {
    byte[] sample = HumanoidMessages.diagnosticArray("/diagnostics", 3, 5_000_000_000L);
    Map<String, Object> value = DECODER.decode("diagnostic_msgs/msg/DiagnosticArray", sample);
    List<?> status = (List<?>) value.get("status");
    int last = status.size() - 1;
    List<Object> expected = new ArrayList<>();
    expected.add(((Map<?, ?>) status.get(last)).get("message"));
    assertThat(
            reader("diagnostic_msgs/msg/DiagnosticArray", "status[" + last + "].message")
                .read(sample))
        .isEqualTo(expected.get(0));
  }
}
