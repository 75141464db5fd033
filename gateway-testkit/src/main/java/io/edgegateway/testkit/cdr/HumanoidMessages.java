package io.edgegateway.testkit.cdr;

import io.edgegateway.core.RosTypeName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ROS 2 CDR samples of the simulated loads, built with {@link CdrWriter}: the seven message types
 * of the humanoid-1 reference load and the seven more of the {@code many-topics} load, their
 * encoders and the joint names they carry.
 *
 * <p>Implementation notes: every sample is a pure function of {@code (topic, seq, stampNanos)}:
 * values are sine waves of the stamp time with a phase derived from the topic name ({@link
 * Waveforms}), computed with {@link StrictMath} so encodings are bit-identical on every JVM. Field
 * order follows the ROS 2 {@code .msg} definitions in {@code common_interfaces}; fixed-size arrays
 * ({@code float64[9]} covariances) carry no length prefix, unbounded ones ({@code float64[]}) do.
 * The header stamp is {@code stampNanos}; frame ids are derived from the topic ({@link
 * RosHeaders}). The layouts live with their message family: {@link JointMessages}, {@link
 * MotionMessages}, {@link CompressedImages}, {@link DiagnosticMessages} and {@link FleetMessages}.
 */
public final class HumanoidMessages {

  /** {@code sensor_msgs/msg/JointState}. */
  public static final RosTypeName JOINT_STATE = RosTypeName.parse("sensor_msgs/msg/JointState");

  /** {@code sensor_msgs/msg/Imu}. */
  public static final RosTypeName IMU = RosTypeName.parse("sensor_msgs/msg/Imu");

  /** {@code geometry_msgs/msg/WrenchStamped}. */
  public static final RosTypeName WRENCH_STAMPED =
      RosTypeName.parse("geometry_msgs/msg/WrenchStamped");

  /** {@code sensor_msgs/msg/CompressedImage}. */
  public static final RosTypeName COMPRESSED_IMAGE =
      RosTypeName.parse("sensor_msgs/msg/CompressedImage");

  /** {@code diagnostic_msgs/msg/DiagnosticArray}. */
  public static final RosTypeName DIAGNOSTIC_ARRAY =
      RosTypeName.parse("diagnostic_msgs/msg/DiagnosticArray");

  /** {@code trajectory_msgs/msg/JointTrajectory}. */
  public static final RosTypeName JOINT_TRAJECTORY =
      RosTypeName.parse("trajectory_msgs/msg/JointTrajectory");

  /** {@code geometry_msgs/msg/Twist}. */
  public static final RosTypeName TWIST = RosTypeName.parse("geometry_msgs/msg/Twist");

  /** {@code sensor_msgs/msg/Temperature} (the {@code many-topics} load). */
  public static final RosTypeName TEMPERATURE = RosTypeName.parse("sensor_msgs/msg/Temperature");

  /** {@code sensor_msgs/msg/BatteryState} (the {@code many-topics} load). */
  public static final RosTypeName BATTERY_STATE = RosTypeName.parse("sensor_msgs/msg/BatteryState");

  /** {@code geometry_msgs/msg/PoseStamped} (the {@code many-topics} load). */
  public static final RosTypeName POSE_STAMPED = RosTypeName.parse("geometry_msgs/msg/PoseStamped");

  /** {@code geometry_msgs/msg/TwistStamped} (the {@code many-topics} load). */
  public static final RosTypeName TWIST_STAMPED =
      RosTypeName.parse("geometry_msgs/msg/TwistStamped");

  /** {@code std_msgs/msg/Float64} (the {@code many-topics} load). */
  public static final RosTypeName FLOAT64 = RosTypeName.parse("std_msgs/msg/Float64");

  /** {@code std_msgs/msg/String} (the {@code many-topics} load). */
  public static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");

  /** {@code nav_msgs/msg/Odometry} (the {@code many-topics} load). */
  public static final RosTypeName ODOMETRY = RosTypeName.parse("nav_msgs/msg/Odometry");

  /** The 29 joints of the humanoid, in {@code JointState} order (Unitree G1 29-DoF naming). */
  public static final List<String> JOINT_NAMES = JointMessages.JOINT_NAMES;

  /**
   * The same 29 joints in the compact spelling the command stream uses, so a {@code
   * JointTrajectory} command stays near the profile's 600 bytes.
   */
  public static final List<String> COMMAND_JOINT_NAMES = JointMessages.COMMAND_JOINT_NAMES;

  /** Nominal length of the JPEG bytes in a {@code CompressedImage}; frames vary by ±2.5%. */
  public static final int IMAGE_BYTES_NOMINAL = CompressedImages.NOMINAL_BYTES;

  private static final Map<String, SampleEncoder> ENCODERS =
      Map.ofEntries(
          Map.entry(JOINT_STATE.toString(), JointMessages::jointState),
          Map.entry(IMU.toString(), MotionMessages::imu),
          Map.entry(WRENCH_STAMPED.toString(), MotionMessages::wrenchStamped),
          Map.entry(COMPRESSED_IMAGE.toString(), CompressedImages::compressedImage),
          Map.entry(DIAGNOSTIC_ARRAY.toString(), DiagnosticMessages::diagnosticArray),
          Map.entry(JOINT_TRAJECTORY.toString(), JointMessages::jointTrajectory),
          Map.entry(TWIST.toString(), MotionMessages::twist),
          Map.entry(TEMPERATURE.toString(), FleetMessages::temperature),
          Map.entry(BATTERY_STATE.toString(), FleetMessages::batteryState),
          Map.entry(POSE_STAMPED.toString(), FleetMessages::poseStamped),
          Map.entry(TWIST_STAMPED.toString(), FleetMessages::twistStamped),
          Map.entry(FLOAT64.toString(), FleetMessages::float64),
          Map.entry(STRING.toString(), FleetMessages::string),
          Map.entry(ODOMETRY.toString(), FleetMessages::odometry));

  private HumanoidMessages() {}

  /** A function producing one serialized sample of a topic; pure and thread-safe. */
  @FunctionalInterface
  public interface SampleEncoder {
    /**
     * Serializes sample number {@code seq} of {@code topic}, stamped {@code stampNanos}.
     *
     * @return the CDR sample, encapsulation header included
     */
    byte[] encode(String topic, long seq, long stampNanos);
  }

  /** True if {@link #encoderFor} can produce samples of {@code type}. */
  public static boolean supports(RosTypeName type) {
    return ENCODERS.containsKey(type.toString());
  }

  /**
   * The encoder for one of the supported types.
   *
   * @throws IllegalArgumentException if the type is not one of them
   */
  public static SampleEncoder encoderFor(RosTypeName type) {
    SampleEncoder encoder = ENCODERS.get(Objects.requireNonNull(type, "type").toString());
    if (encoder == null) {
      throw new IllegalArgumentException(
          "type : " + type + " (expected: one of " + ENCODERS.keySet() + ")");
    }
    return encoder;
  }

  /**
   * The encoder for one of the supported types, with {@code noise} on the sensor types (JointState,
   * Imu, WrenchStamped) published at {@code rateHz}; the other types and {@link SensorNoise#NONE}
   * give the same samples as {@link #encoderFor(RosTypeName)}.
   *
   * @throws IllegalArgumentException if the type is not one of them, or the rate is not positive
   */
  public static SampleEncoder encoderFor(RosTypeName type, SensorNoise noise, double rateHz) {
    SampleEncoder plain = encoderFor(type);
    Objects.requireNonNull(noise, "noise");
    if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("rateHz : " + rateHz + " (expected: finite and > 0)");
    }
    if (noise.isNone()) {
      return plain;
    }
    if (type.equals(JOINT_STATE)) {
      return (topic, seq, stamp) -> JointMessages.jointState(topic, seq, stamp, noise, rateHz);
    }
    if (type.equals(IMU)) {
      return (topic, seq, stamp) -> MotionMessages.imu(topic, seq, stamp, noise, rateHz);
    }
    if (type.equals(WRENCH_STAMPED)) {
      return (topic, seq, stamp) -> MotionMessages.wrenchStamped(topic, seq, stamp, noise);
    }
    return plain;
  }

  /** {@code sensor_msgs/msg/JointState}: 29 named joints with position, velocity and effort. */
  public static byte[] jointState(String topic, long seq, long stampNanos) {
    return JointMessages.jointState(topic, seq, stampNanos);
  }

  /**
   * {@code sensor_msgs/msg/Imu}: orientation, angular velocity, linear acceleration, covariances.
   */
  public static byte[] imu(String topic, long seq, long stampNanos) {
    return MotionMessages.imu(topic, seq, stampNanos);
  }

  /** {@code geometry_msgs/msg/WrenchStamped}: force and torque of a 6-axis F/T sensor. */
  public static byte[] wrenchStamped(String topic, long seq, long stampNanos) {
    return MotionMessages.wrenchStamped(topic, seq, stampNanos);
  }

  /**
   * {@code sensor_msgs/msg/CompressedImage}: format {@code jpeg} and about {@value
   * #IMAGE_BYTES_NOMINAL} bytes shaped like a JFIF file whose body is low-entropy pseudo-random
   * data, so general-purpose compressors shrink it somewhat, as they do real JPEG headers and
   * markers. The frame number is embedded in a comment segment.
   */
  public static byte[] compressedImage(String topic, long seq, long stampNanos) {
    return CompressedImages.compressedImage(topic, seq, stampNanos);
  }

  /**
   * {@code diagnostic_msgs/msg/DiagnosticArray}: twelve component statuses, each with temperature,
   * voltage, current and error count; a component whose temperature passes 70 °C reports WARN.
   */
  public static byte[] diagnosticArray(String topic, long seq, long stampNanos) {
    return DiagnosticMessages.diagnosticArray(topic, seq, stampNanos);
  }

  /**
   * {@code trajectory_msgs/msg/JointTrajectory}: a streamed position command, one point for the 29
   * joints ({@link #COMMAND_JOINT_NAMES}), positions only, reached 2 ms from now.
   */
  public static byte[] jointTrajectory(String topic, long seq, long stampNanos) {
    return JointMessages.jointTrajectory(topic, seq, stampNanos);
  }

  /** {@code geometry_msgs/msg/Twist}: a slowly weaving walking velocity command. */
  public static byte[] twist(String topic, long seq, long stampNanos) {
    return MotionMessages.twist(topic, seq, stampNanos);
  }
}
