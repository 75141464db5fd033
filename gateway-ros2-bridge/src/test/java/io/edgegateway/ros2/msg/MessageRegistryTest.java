package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgegateway.core.config.Ros2Distro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageRegistryTest {
  private static final MessageRegistry BUNDLED = MessageRegistry.bundled();

  @Test
  void bundlesTheHumanoidTypesWithEveryDependencyResolvable() {
    assertThat(BUNDLED.types())
        .contains(
            "builtin_interfaces/msg/Time",
            "builtin_interfaces/msg/Duration",
            "std_msgs/msg/Header",
            "std_msgs/msg/String",
            "std_msgs/msg/Float64",
            "std_msgs/msg/Int32",
            "std_msgs/msg/Bool",
            "std_msgs/msg/MultiArrayLayout",
            "std_msgs/msg/MultiArrayDimension",
            "std_msgs/msg/Float64MultiArray",
            "geometry_msgs/msg/Vector3",
            "geometry_msgs/msg/Quaternion",
            "geometry_msgs/msg/Point",
            "geometry_msgs/msg/Pose",
            "geometry_msgs/msg/PoseStamped",
            "geometry_msgs/msg/Twist",
            "geometry_msgs/msg/TwistStamped",
            "geometry_msgs/msg/Wrench",
            "geometry_msgs/msg/WrenchStamped",
            "geometry_msgs/msg/Transform",
            "geometry_msgs/msg/TransformStamped",
            "geometry_msgs/msg/PoseWithCovariance",
            "geometry_msgs/msg/TwistWithCovariance",
            "tf2_msgs/msg/TFMessage",
            "sensor_msgs/msg/Imu",
            "sensor_msgs/msg/JointState",
            "sensor_msgs/msg/CompressedImage",
            "sensor_msgs/msg/Image",
            "sensor_msgs/msg/BatteryState",
            "sensor_msgs/msg/Temperature",
            "sensor_msgs/msg/LaserScan",
            "sensor_msgs/msg/PointField",
            "sensor_msgs/msg/PointCloud2",
            "sensor_msgs/msg/MagneticField",
            "sensor_msgs/msg/NavSatFix",
            "sensor_msgs/msg/NavSatStatus",
            "nav_msgs/msg/Odometry",
            "diagnostic_msgs/msg/DiagnosticArray",
            "diagnostic_msgs/msg/DiagnosticStatus",
            "diagnostic_msgs/msg/KeyValue",
            "trajectory_msgs/msg/JointTrajectory",
            "trajectory_msgs/msg/JointTrajectoryPoint");
    for (String type : BUNDLED.types()) {
      assertThat(BUNDLED.fullDefinitionText(type)).as(type).endsWith("\n");
    }
    assertThat(withoutFallbackNote(BUNDLED.problems())).isEmpty();
  }

  @Test
  void startsWithHeader_isTrueForStampedTypesOnly() {
    assertThat(BUNDLED.startsWithHeader("sensor_msgs/msg/Imu")).isTrue();
    assertThat(BUNDLED.startsWithHeader("sensor_msgs/Imu")).as("pkg/Type form").isTrue();
    assertThat(BUNDLED.startsWithHeader("std_msgs/msg/String")).isFalse();
    assertThat(BUNDLED.startsWithHeader("std_msgs/msg/Header")).as("a header itself").isFalse();
    assertThat(BUNDLED.startsWithHeader("x_msgs/msg/Unknown")).isFalse();
    MessageRegistry custom =
        MessageRegistry.fromFullDefinition(
            "a_msgs/msg/Late",
            "int32 n\nstd_msgs/Header header\n"
                + MessageRegistry.SEPARATOR
                + "\nMSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\n"
                + "string frame_id\n"
                + MessageRegistry.SEPARATOR
                + "\nMSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec\n");
    assertThat(custom.startsWithHeader("a_msgs/msg/Late")).as("header not first").isFalse();
  }

  @Test
  void bundledFieldOrderMatchesRos() {
    assertThat(BUNDLED.require("sensor_msgs/msg/Imu").fields())
        .extracting(MessageField::name)
        .containsExactly(
            "header",
            "orientation",
            "orientation_covariance",
            "angular_velocity",
            "angular_velocity_covariance",
            "linear_acceleration",
            "linear_acceleration_covariance");
    assertThat(BUNDLED.require("sensor_msgs/BatteryState").fields())
        .extracting(MessageField::name)
        .containsExactly(
            "header",
            "voltage",
            "temperature",
            "current",
            "charge",
            "capacity",
            "design_capacity",
            "percentage",
            "power_supply_status",
            "power_supply_health",
            "power_supply_technology",
            "present",
            "cell_voltage",
            "cell_temperature",
            "location",
            "serial_number");
    assertThat(BUNDLED.require("diagnostic_msgs/msg/DiagnosticStatus").constants())
        .extracting(MessageConstant::name)
        .containsExactly("OK", "WARN", "ERROR", "STALE");
  }

  @Test
  void fullDefinitionTextListsEachDependencyOnceDepthFirst() {
    String text = BUNDLED.fullDefinitionText("geometry_msgs/msg/WrenchStamped");
    String sep = "\n" + "=".repeat(80) + "\n";
    assertThat(text)
        .contains("std_msgs/Header header\n")
        .contains(sep + "MSG: std_msgs/Header\n")
        .contains(sep + "MSG: builtin_interfaces/Time\n")
        .contains(sep + "MSG: geometry_msgs/Wrench\n")
        .contains(sep + "MSG: geometry_msgs/Vector3\n")
        .endsWith("float64 z\n");
    assertThat(text.split("MSG: ", -1)).hasSize(5);
    assertThat(text.indexOf("MSG: std_msgs/Header"))
        .isLessThan(text.indexOf("MSG: builtin_interfaces/Time"));
    assertThat(text.indexOf("MSG: builtin_interfaces/Time"))
        .isLessThan(text.indexOf("MSG: geometry_msgs/Wrench"));
  }

  @Test
  void fullDefinitionTextParsesBackToTheSameDefinitions() {
    for (String type : List.of("sensor_msgs/msg/Imu", "diagnostic_msgs/msg/DiagnosticArray")) {
      MessageRegistry carried =
          MessageRegistry.fromFullDefinition(type, BUNDLED.fullDefinitionText(type));
      assertThat(carried.require(type).fields()).isEqualTo(BUNDLED.require(type).fields());
      for (String dep : carried.types()) {
        assertThat(carried.require(dep).fields()).isEqualTo(BUNDLED.require(dep).fields());
      }
    }
    assertThat(
            MessageRegistry.fromFullDefinition(
                    "sensor_msgs/msg/Imu", BUNDLED.fullDefinitionText("sensor_msgs/msg/Imu"))
                .types())
        .containsExactlyInAnyOrder(
            "sensor_msgs/msg/Imu",
            "std_msgs/msg/Header",
            "builtin_interfaces/msg/Time",
            "geometry_msgs/msg/Quaternion",
            "geometry_msgs/msg/Vector3");
  }

  @Test
  void loadsMessagePathsAndLetsThemOverrideBundledTypes(@TempDir Path dir) throws IOException {
    Path share = dir.resolve("share");
    write(share.resolve("g1_msgs/msg/MotorState.msg"), "uint8 id\nfloat32 temperature\n");
    write(share.resolve("g1_msgs/msg/LowState.msg"), "Header header\nMotorState[29] motors\n");
    write(share.resolve("std_msgs/msg/String.msg"), "string data\nint32 extra\n");
    write(share.resolve("g1_msgs/msg/Broken.msg"), "int32\n");
    write(share.resolve("g1_msgs/srv/Ignored.srv"), "int32 a\n---\nint32 b\n");
    Path missing = dir.resolve("missing");

    MessageRegistry registry = MessageRegistry.load(List.of(share, missing));

    assertThat(registry.find("g1_msgs/msg/LowState")).isPresent();
    assertThat(registry.fullDefinitionText("g1_msgs/LowState"))
        .contains("MSG: g1_msgs/MotorState")
        .contains("MSG: std_msgs/Header");
    assertThat(registry.require("std_msgs/msg/String").fields()).hasSize(2);
    assertThat(registry.find("g1_msgs/msg/Broken")).isEmpty();
    assertThat(withoutFallbackNote(registry.problems()))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("Broken.msg").contains("missing field name"))
        .anySatisfy(p -> assertThat(p).contains("missing").contains("not a directory"));
    assertThat(BUNDLED.require("std_msgs/msg/String").fields()).hasSize(1);
  }

  @Test
  void fullDefinitionTextOrEmptyIsEmptyForUnknownTypes() {
    assertThat(BUNDLED.fullDefinitionTextOrEmpty("std_msgs/msg/String"))
        .endsWith("string data\n")
        .doesNotContain("MSG:");
    assertThat(BUNDLED.fullDefinitionTextOrEmpty("nope_msgs/msg/Nothing")).isEmpty();
    MessageRegistry partial = MessageRegistry.fromFullDefinition("a_msgs/msg/A", "b_msgs/B b\n");
    assertThat(partial.fullDefinitionTextOrEmpty("a_msgs/msg/A")).isEmpty();
  }

  @Test
  void unknownTypesAreReportedByName() {
    assertThatThrownBy(() -> BUNDLED.require("nope_msgs/msg/Nothing"))
        .isInstanceOf(MessageDefinitionException.class)
        .hasMessage("unknown message type nope_msgs/msg/Nothing");
    MessageRegistry partial =
        MessageRegistry.fromFullDefinition("a_msgs/msg/A", "b_msgs/B inner\n");
    assertThatThrownBy(() -> partial.fullDefinitionText("a_msgs/msg/A"))
        .hasMessageContaining("unknown message type b_msgs/msg/B used by a_msgs/msg/A");
  }

  @Test
  void eachDistributionBundlesEveryCommonInterfacePackage() {
    assumeTrue(
        !MessageRegistry.bundledDistros().isEmpty(),
        "this build has no per-distribution definitions (built without npm: src/tools/bundle-msgdefs.sh)");
    assertThat(MessageRegistry.bundledDistros())
        .containsExactly(Ros2Distro.HUMBLE, Ros2Distro.IRON, Ros2Distro.JAZZY);
    for (Ros2Distro d : MessageRegistry.bundledDistros()) {
      MessageRegistry registry = MessageRegistry.bundled(d);
      assertThat(registry.source()).isEqualTo(d.configName());
      assertThat(registry.problems()).isEmpty();
      assertThat(registry.types().stream().map(t -> t.substring(0, t.indexOf('/'))).distinct())
          .as(d.configName())
          .containsExactlyInAnyOrder(
              "action_msgs",
              "actionlib_msgs",
              "builtin_interfaces",
              "diagnostic_msgs",
              "geometry_msgs",
              "lifecycle_msgs",
              "nav_msgs",
              "rcl_interfaces",
              "rosgraph_msgs",
              "sensor_msgs",
              "shape_msgs",
              "statistics_msgs",
              "std_msgs",
              "stereo_msgs",
              "tf2_msgs",
              "trajectory_msgs",
              "unique_identifier_msgs",
              "visualization_msgs");
      assertThat(registry.types()).hasSizeGreaterThanOrEqualTo(145);
      for (String type : registry.types()) {
        assertThat(registry.fullDefinitionTextOrEmpty(type)).as(type).isNotEmpty();
      }
    }
    assertThat(MessageRegistry.bundled(Ros2Distro.JAZZY).types()).hasSize(150);
  }

  @Test
  void aBuildWithoutADistributionsSetSaysItUsesTheBuiltInSet() {
    for (Ros2Distro d : Ros2Distro.values()) {
      MessageRegistry registry = MessageRegistry.bundled(d);
      if (MessageRegistry.bundledDistros().contains(d)) {
        assertThat(registry.source()).isEqualTo(d.configName());
        assertThat(registry.problems()).isEmpty();
      } else {
        assertThat(registry.source()).isEqualTo("built-in");
        assertThat(registry.problems())
            .containsExactly(
                "bundled definitions of "
                    + d.configName()
                    + " are not in this build; using the built-in set of common types");
        assertThat(registry.types()).hasSize(90);
      }
    }
  }

  @Test
  void theDistributionPicksItsOwnDefinitionOfATypeThatChanged() {
    assumeTrue(
        MessageRegistry.bundledDistros().contains(Ros2Distro.HUMBLE),
        "this build has no per-distribution definitions (built without npm: src/tools/bundle-msgdefs.sh)");
    assertThat(fieldNames(MessageRegistry.bundled(Ros2Distro.HUMBLE), "sensor_msgs/msg/Range"))
        .containsExactly(
            "header", "radiation_type", "field_of_view", "min_range", "max_range", "range");
    assertThat(fieldNames(MessageRegistry.bundled(Ros2Distro.JAZZY), "sensor_msgs/msg/Range"))
        .endsWith("range", "variance");
    assertThat(fieldNames(BUNDLED, "sensor_msgs/msg/Range")).endsWith("variance");
  }

  @Test
  void messagePathsOverrideTheDistributionsDefinitions(@TempDir Path dir) throws IOException {
    write(dir.resolve("sensor_msgs/msg/Range.msg"), "float32 range\nfloat32 variance\n");
    MessageRegistry registry = MessageRegistry.load(Ros2Distro.HUMBLE, List.of(dir));
    assertThat(fieldNames(registry, "sensor_msgs/msg/Range")).containsExactly("range", "variance");
    assertThat(registry.find("std_msgs/msg/Header")).isPresent();
  }

  /** The problems other than a build's note that it bundles only the built-in set. */
  private static List<String> withoutFallbackNote(List<String> problems) {
    return problems.stream().filter(p -> !p.startsWith("bundled definitions of ")).toList();
  }

  private static List<String> fieldNames(MessageRegistry registry, String type) {
    return registry.require(type).fields().stream().map(MessageField::name).toList();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
