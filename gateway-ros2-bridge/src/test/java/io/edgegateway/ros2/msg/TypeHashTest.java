package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgegateway.core.config.Ros2Distro;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@link TypeHash} against the RIHS01 hashes upstream publishes: rosidl's generated C code ({@code
 * *__description.c}, {@code *__struct.h}) of Jazzy/Kilted, as vendored by micro-ROS builds, and the
 * values ROS 2 tools print for the same types.
 */
class TypeHashTest {
  /** Hashes published by upstream rosidl for these Jazzy/Kilted definitions. */
  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry(
              "std_msgs/msg/String",
              "df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18"),
          Map.entry(
              "std_msgs/msg/Empty",
              "20b625256f32d5dbc0d04fee44f43c41e51c70d3502f84b4a08e7a9c26a96312"),
          Map.entry(
              "std_msgs/msg/Header",
              "f49fb3ae2cf070f793645ff749683ac6b06203e41c891e17701b1cb597ce6a01"),
          Map.entry(
              "std_msgs/msg/Byte",
              "41e1a3345f73fe93ede006da826a6ee274af23dd4653976ff249b0f44e3e798f"),
          Map.entry(
              "std_msgs/msg/Char",
              "3ad2d04dd29ba19d04b16659afa3ccaedd691914b02a64e82e252f2fa6a586a9"),
          Map.entry(
              "std_msgs/msg/MultiArrayLayout",
              "4c66e6f78e740ac103a94cf63259f968e48c617e7699e829b63c21a5cb50dac6"),
          Map.entry(
              "std_msgs/msg/ByteMultiArray",
              "972fec7f50ab3c1d06783c228e79e8a9a509021708c511c059926261ada901d4"),
          Map.entry(
              "std_msgs/msg/MultiArrayDimension",
              "5e773a60a4c7fc8a54985f307c7837aa2994252a126c301957a24e31282c9cbe"),
          Map.entry(
              "std_msgs/msg/Float64MultiArray",
              "1025ddc6b9552d191f89ef1a8d2f60f3d373e28b283d8891ddcc974e8c55397f"),
          Map.entry(
              "builtin_interfaces/msg/Time",
              "b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197"),
          Map.entry(
              "geometry_msgs/msg/Quaternion",
              "8a765f66778c8ff7c8ab94afcc590a2ed5325a1d9a076ffff38fbce36f458684"),
          Map.entry(
              "geometry_msgs/msg/Vector3",
              "cc12fe83e4c02719f1ce8070bfd14aecd40f75a96696a67a2a1f37f7dbb0765d"),
          Map.entry(
              "sensor_msgs/msg/Imu",
              "7d9a00ff131080897a5ec7e26e315954b8eae3353c3f995c55faf71574000b5b"));

  @Test
  void matchesTheHashesUpstreamPublishesForTheSameDefinitions() {
    MessageRegistry jazzy = MessageRegistry.bundled(Ros2Distro.JAZZY);
    SoftAssertions soft = new SoftAssertions();
    for (Map.Entry<String, String> known : KNOWN.entrySet()) {
      soft.assertThat(TypeHash.of(jazzy, known.getKey()))
          .as(known.getKey())
          .isEqualTo(TypeHash.PREFIX + known.getValue());
    }
    soft.assertAll();
  }

  @Test
  void theCanonicalJsonIsRosidlsForm() {
    assertThat(TypeHash.descriptionJson(MessageRegistry.bundled(), "std_msgs/msg/String"))
        .isEqualTo(
            "{\"type_description\": {\"type_name\": \"std_msgs/msg/String\", \"fields\":"
                + " [{\"name\": \"data\", \"type\": {\"type_id\": 17, \"capacity\": 0,"
                + " \"string_capacity\": 0, \"nested_type_name\": \"\"}}]},"
                + " \"referenced_type_descriptions\": []}");
  }

  @Test
  void boundsAndArrayKindsChangeTheHashButCommentsConstantsAndDefaultsDoNot() {
    String base = hash("int32[] a\nstring s\n");
    assertThat(hash("# comment\nint32[] a  # x\nstring s\nint32 C=3\n")).isEqualTo(base);
    assertThat(hash("int32[] a [1, 2]\nstring s \"d\"\n")).isEqualTo(base);
    assertThat(hash("int32[<=3] a\nstring s\n")).isNotEqualTo(base);
    assertThat(hash("int32[3] a\nstring s\n")).isNotEqualTo(base);
    assertThat(hash("int32[] a\nstring<=5 s\n")).isNotEqualTo(base);
    assertThat(hash("int32[] a\nwstring s\n")).isNotEqualTo(base);
    assertThat(TypeHash.descriptionJson(registry("int32[<=3] a\nstring<=5[4] s\n"), "t_msgs/msg/T"))
        .contains("{\"name\": \"a\", \"type\": {\"type_id\": 102, \"capacity\": 3,")
        .contains(
            "{\"name\": \"s\", \"type\": {\"type_id\": 69, \"capacity\": 4,"
                + " \"string_capacity\": 5,");
  }

  @Test
  void distributionsWhoseDefinitionsDifferHashDifferently() {
    assumeTrue(
        MessageRegistry.bundledDistros().contains(Ros2Distro.HUMBLE),
        "this build has no per-distribution definitions (built without npm: src/tools/bundle-msgdefs.sh)");
    String humble =
        TypeHash.of(MessageRegistry.bundled(Ros2Distro.HUMBLE), "sensor_msgs/msg/Range");
    String jazzy = TypeHash.of(MessageRegistry.bundled(Ros2Distro.JAZZY), "sensor_msgs/msg/Range");
    assertThat(humble).isNotEqualTo(jazzy);
    // rosidl's generated sensor_msgs/msg/Range of a Jazzy-or-later build: with variance
    assertThat(jazzy)
        .isEqualTo("RIHS01_b42b62562e93cbfe9d42b82fe5994dfa3d63d7d5c90a317981703f7388adff3a");
    assertThat(TypeHash.of(MessageRegistry.bundled(Ros2Distro.HUMBLE), "std_msgs/msg/Header"))
        .isEqualTo(TypeHash.of(MessageRegistry.bundled(Ros2Distro.JAZZY), "std_msgs/msg/Header"));
  }

  @Test
  void anUnknownNestedTypeIsAnErrorNotAHash() {
    MessageRegistry partial = MessageRegistry.fromFullDefinition("a_msgs/msg/A", "b_msgs/B b\n");
    assertThatThrownBy(() -> TypeHash.of(partial, "a_msgs/msg/A"))
        .isInstanceOf(MessageDefinitionException.class)
        .hasMessageContaining("b_msgs/msg/B");
  }

  private static String hash(String text) {
    return TypeHash.of(registry(text), "t_msgs/msg/T");
  }

  private static MessageRegistry registry(String text) {
    return MessageRegistry.fromFullDefinition("t_msgs/msg/T", text);
  }
}
