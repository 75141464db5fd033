package io.edgegateway.testkit.cdr;

import io.edgegateway.core.RosTypeName;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * ROS 2 CDR samples of the humanoid-1 reference load, built with {@link CdrWriter}.
 *
 * <p>Implementation notes: every sample is a pure function of {@code (topic, seq, stampNanos)}:
 * values are sine waves of the stamp time with a phase derived from the topic name, computed with
 * {@link StrictMath} so encodings are bit-identical on every JVM. Field order follows the ROS 2
 * {@code .msg} definitions in {@code common_interfaces}; fixed-size arrays ({@code float64[9]}
 * covariances) carry no length prefix, unbounded ones ({@code float64[]}) do. The header stamp is
 * {@code stampNanos}; frame ids are derived from the topic ({@code /imu/torso} → {@code
 * torso_imu_link}).
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

  /** The 29 joints of the humanoid, in {@code JointState} order (Unitree G1 29-DoF naming). */
  public static final List<String> JOINT_NAMES =
      List.of(
          "left_hip_pitch_joint",
          "left_hip_roll_joint",
          "left_hip_yaw_joint",
          "left_knee_joint",
          "left_ankle_pitch_joint",
          "left_ankle_roll_joint",
          "right_hip_pitch_joint",
          "right_hip_roll_joint",
          "right_hip_yaw_joint",
          "right_knee_joint",
          "right_ankle_pitch_joint",
          "right_ankle_roll_joint",
          "waist_yaw_joint",
          "waist_roll_joint",
          "waist_pitch_joint",
          "left_shoulder_pitch_joint",
          "left_shoulder_roll_joint",
          "left_shoulder_yaw_joint",
          "left_elbow_joint",
          "left_wrist_roll_joint",
          "left_wrist_pitch_joint",
          "left_wrist_yaw_joint",
          "right_shoulder_pitch_joint",
          "right_shoulder_roll_joint",
          "right_shoulder_yaw_joint",
          "right_elbow_joint",
          "right_wrist_roll_joint",
          "right_wrist_pitch_joint",
          "right_wrist_yaw_joint");

  /**
   * The same 29 joints in the compact spelling the command stream uses, so a {@code
   * JointTrajectory} command stays near the profile's 600 bytes.
   */
  public static final List<String> COMMAND_JOINT_NAMES =
      List.of(
          "l_hip_p", "l_hip_r", "l_hip_y", "l_knee", "l_ank_p", "l_ank_r", "r_hip_p", "r_hip_r",
          "r_hip_y", "r_knee", "r_ank_p", "r_ank_r", "waist_y", "waist_r", "waist_p", "l_sho_p",
          "l_sho_r", "l_sho_y", "l_elbow", "l_wr_r", "l_wr_p", "l_wr_y", "r_sho_p", "r_sho_r",
          "r_sho_y", "r_elbow", "r_wr_r", "r_wr_p", "r_wr_y");

  /** Nominal length of the JPEG bytes in a {@code CompressedImage}; frames vary by ±2.5%. */
  public static final int IMAGE_BYTES_NOMINAL = 60_000;

  private static final int IMAGE_BYTES_SWING = 1_500;
  private static final int JOINTS = 29;
  private static final double TWO_PI = 2 * Math.PI;
  private static final double GRAVITY = 9.80665;
  private static final long COMMAND_PERIOD_NANOS = 2_000_000L;
  private static final byte[] JFIF_HEADER = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xE0,
    0x00,
    0x10,
    'J',
    'F',
    'I',
    'F',
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00
  };
  private static final int COMMENT_BYTES = 12;
  private static final int EOI_BYTES = 2;
  private static final byte[] IMAGE_POOL = imagePool(128 * 1024);
  private static final String[] DIAGNOSTIC_COMPONENTS = {
    "joint_driver/left_leg",
    "joint_driver/right_leg",
    "joint_driver/waist",
    "joint_driver/left_arm",
    "joint_driver/right_arm",
    "power/battery",
    "sensors/imu_torso",
    "sensors/imu_pelvis",
    "sensors/camera_head",
    "sensors/camera_left",
    "sensors/camera_right",
    "compute/main_board"
  };

  private static final Map<String, SampleEncoder> ENCODERS =
      Map.of(
          JOINT_STATE.toString(), HumanoidMessages::jointState,
          IMU.toString(), HumanoidMessages::imu,
          WRENCH_STAMPED.toString(), HumanoidMessages::wrenchStamped,
          COMPRESSED_IMAGE.toString(), HumanoidMessages::compressedImage,
          DIAGNOSTIC_ARRAY.toString(), HumanoidMessages::diagnosticArray,
          JOINT_TRAJECTORY.toString(), HumanoidMessages::jointTrajectory,
          TWIST.toString(), HumanoidMessages::twist);

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
   * The encoder for one of the seven humanoid types.
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

  /** {@code sensor_msgs/msg/JointState}: 29 named joints with position, velocity and effort. */
  public static byte[] jointState(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double[] position = new double[JOINTS];
    double[] velocity = new double[JOINTS];
    double[] effort = new double[JOINTS];
    for (int i = 0; i < JOINTS; i++) {
      double amplitude = jointAmplitude(i);
      double omega = TWO_PI * jointFrequency(i);
      double angle = omega * t + phase + i;
      position[i] = amplitude * StrictMath.sin(angle);
      velocity[i] = amplitude * omega * StrictMath.cos(angle);
      effort[i] = 4.0 + 12.0 * (i % 6) / 5.0 * StrictMath.sin(angle + 0.5);
    }
    CdrWriter w = new CdrWriter(1_600);
    header(w, stampNanos, "");
    w.sequenceLength(JOINTS);
    for (String name : JOINT_NAMES) {
      w.string(name);
    }
    return w.float64s(position).float64s(velocity).float64s(effort).toByteArray();
  }

  /**
   * {@code sensor_msgs/msg/Imu}: orientation, angular velocity, linear acceleration, covariances.
   */
  public static byte[] imu(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double gait = TWO_PI * 0.9 * t + phase;
    double roll = 0.04 * StrictMath.sin(gait);
    double pitch = 0.03 * StrictMath.sin(gait / 2 + 0.3);
    double yaw = 0.2 * StrictMath.sin(TWO_PI * 0.05 * t + phase);
    double cr = StrictMath.cos(roll / 2);
    double sr = StrictMath.sin(roll / 2);
    double cp = StrictMath.cos(pitch / 2);
    double sp = StrictMath.sin(pitch / 2);
    double cy = StrictMath.cos(yaw / 2);
    double sy = StrictMath.sin(yaw / 2);
    CdrWriter w = new CdrWriter(352);
    header(w, stampNanos, frameId(topic, "_link"));
    w.float64(sr * cp * cy - cr * sp * sy)
        .float64(cr * sp * cy + sr * cp * sy)
        .float64(cr * cp * sy - sr * sp * cy)
        .float64(cr * cp * cy + sr * sp * sy);
    diagonal(w, 1e-4);
    w.float64(0.04 * TWO_PI * 0.9 * StrictMath.cos(gait))
        .float64(0.03 * TWO_PI * 0.45 * StrictMath.cos(gait / 2 + 0.3))
        .float64(0.2 * TWO_PI * 0.05 * StrictMath.cos(TWO_PI * 0.05 * t + phase));
    diagonal(w, 2.5e-5);
    w.float64(0.6 * StrictMath.sin(gait + 1.1))
        .float64(0.4 * StrictMath.sin(gait + 2.3))
        .float64(GRAVITY + 1.5 * StrictMath.sin(2 * gait));
    diagonal(w, 4e-4);
    return w.toByteArray();
  }

  /** {@code geometry_msgs/msg/WrenchStamped}: force and torque of a 6-axis F/T sensor. */
  public static byte[] wrenchStamped(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double gait = TWO_PI * 0.9 * t + phase;
    boolean ankle = topic.contains("ankle");
    double load = ankle ? 300.0 + 250.0 * StrictMath.sin(gait) : 8.0 + 5.0 * StrictMath.sin(gait);
    CdrWriter w = new CdrWriter(96);
    header(w, stampNanos, frameId(topic, "_link"));
    return w.float64(0.08 * load * StrictMath.sin(gait + 0.7))
        .float64(0.05 * load * StrictMath.sin(gait + 1.9))
        .float64(load)
        .float64(0.01 * load * StrictMath.sin(gait + 0.2))
        .float64(0.012 * load * StrictMath.sin(gait + 2.8))
        .float64(0.002 * load * StrictMath.sin(gait + 1.3))
        .toByteArray();
  }

  /**
   * {@code sensor_msgs/msg/CompressedImage}: format {@code jpeg} and about {@value
   * #IMAGE_BYTES_NOMINAL} bytes shaped like a JFIF file whose body is low-entropy pseudo-random
   * data, so general-purpose compressors shrink it somewhat, as they do real JPEG headers and
   * markers. The frame number is embedded in a comment segment.
   */
  public static byte[] compressedImage(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    int phaseBits = topic.hashCode();
    int length =
        IMAGE_BYTES_NOMINAL
            + (int)
                StrictMath.round(
                    IMAGE_BYTES_SWING * StrictMath.sin(TWO_PI * 0.05 * t + phase(topic)));
    int body = length - JFIF_HEADER.length - COMMENT_BYTES - EOI_BYTES;
    int span = IMAGE_POOL.length - body;
    int offset = (int) Math.floorMod(phaseBits * 7919L + seq * 4099L, (long) span);
    byte[] comment = new byte[COMMENT_BYTES];
    comment[0] = (byte) 0xFF;
    comment[1] = (byte) 0xFE;
    comment[2] = 0x00;
    comment[3] = 0x0A;
    for (int i = 0; i < 8; i++) {
      comment[4 + i] = (byte) (seq >>> (56 - 8 * i));
    }
    CdrWriter w = new CdrWriter(length + 96);
    header(w, stampNanos, frameId(topic, "_optical_frame"));
    w.string("jpeg").sequenceLength(length);
    w.bytes(JFIF_HEADER, 0, JFIF_HEADER.length).bytes(comment, 0, comment.length);
    w.bytes(IMAGE_POOL, offset, body);
    return w.uint8(0xFF).uint8(0xD9).toByteArray();
  }

  /**
   * {@code diagnostic_msgs/msg/DiagnosticArray}: twelve component statuses, each with temperature,
   * voltage, current and error count; a component whose temperature passes 70 °C reports WARN.
   */
  public static byte[] diagnosticArray(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    CdrWriter w = new CdrWriter(2_560);
    header(w, stampNanos, "");
    w.sequenceLength(DIAGNOSTIC_COMPONENTS.length);
    for (int i = 0; i < DIAGNOSTIC_COMPONENTS.length; i++) {
      double temperature = 55.0 + 18.0 * StrictMath.sin(TWO_PI * 0.01 * t + phase + i);
      double voltage = 48.0 - 1.5 * StrictMath.sin(TWO_PI * 0.002 * t + phase);
      double current = 6.0 + 4.0 * StrictMath.sin(TWO_PI * 0.9 * t + phase + 0.4 * i);
      boolean warn = temperature > 70.0;
      w.uint8(warn ? 1 : 0)
          .string(DIAGNOSTIC_COMPONENTS[i])
          .string(warn ? "temperature high" : "OK")
          .string(String.format(Locale.ROOT, "g1-0001-%02d", i))
          .sequenceLength(4);
      w.string("temperature_c").string(format(temperature));
      w.string("voltage_v").string(format(voltage));
      w.string("current_a").string(format(current));
      w.string("error_count").string(Long.toString(seq / 600 % 3));
    }
    return w.toByteArray();
  }

  /**
   * {@code trajectory_msgs/msg/JointTrajectory}: a streamed position command, one point for the 29
   * joints ({@link #COMMAND_JOINT_NAMES}), positions only, reached 2 ms from now.
   */
  public static byte[] jointTrajectory(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos + COMMAND_PERIOD_NANOS);
    double phase = phase(topic);
    double[] positions = new double[JOINTS];
    for (int i = 0; i < JOINTS; i++) {
      positions[i] = jointAmplitude(i) * StrictMath.sin(TWO_PI * jointFrequency(i) * t + phase + i);
    }
    CdrWriter w = new CdrWriter(640);
    header(w, stampNanos, "");
    w.sequenceLength(JOINTS);
    for (String name : COMMAND_JOINT_NAMES) {
      w.string(name);
    }
    w.sequenceLength(1)
        .float64s(positions)
        .sequenceLength(0)
        .sequenceLength(0)
        .sequenceLength(0)
        .time(0, (int) COMMAND_PERIOD_NANOS);
    return w.toByteArray();
  }

  /** {@code geometry_msgs/msg/Twist}: a slowly weaving walking velocity command. */
  public static byte[] twist(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    return new CdrWriter(64)
        .float64(0.5 + 0.3 * StrictMath.sin(TWO_PI * 0.02 * t + phase))
        .float64(0.05 * StrictMath.sin(TWO_PI * 0.07 * t + phase))
        .float64(0.0)
        .float64(0.0)
        .float64(0.0)
        .float64(0.3 * StrictMath.sin(TWO_PI * 0.03 * t + phase))
        .toByteArray();
  }

  private static void header(CdrWriter w, long stampNanos, String frameId) {
    w.header(
        (int) Math.floorDiv(stampNanos, 1_000_000_000L),
        (int) Math.floorMod(stampNanos, 1_000_000_000L),
        frameId);
  }

  private static void diagonal(CdrWriter w, double variance) {
    for (int i = 0; i < 9; i++) {
      w.float64(i % 4 == 0 ? variance : 0.0);
    }
  }

  private static double seconds(long stampNanos) {
    return stampNanos / 1e9;
  }

  private static double phase(String topic) {
    return Math.floorMod(Objects.requireNonNull(topic, "topic").hashCode(), 6283) / 1000.0;
  }

  private static double jointAmplitude(int joint) {
    return 0.15 + 0.05 * (joint % 5);
  }

  private static double jointFrequency(int joint) {
    return 0.45 + 0.15 * (joint % 4);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** {@code /imu/torso} → {@code torso_imu} + suffix; {@code compressed} segments are dropped. */
  static String frameId(String topic, String suffix) {
    String[] parts = topic.split("/");
    StringBuilder frame = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      if (parts[i].isEmpty() || parts[i].equals("compressed")) {
        continue;
      }
      if (frame.length() > 0) {
        frame.append('_');
      }
      frame.append(parts[i]);
    }
    return frame.append(suffix).toString();
  }

  private static byte[] imagePool(int size) {
    SplittableRandom random = new SplittableRandom(0x6A706567L);
    byte[] pool = new byte[size];
    int i = 0;
    while (i < size) {
      int run = Math.min(1 + random.nextInt(32), size - i);
      if (random.nextBoolean()) {
        for (int k = 0; k < run; k++) {
          pool[i++] = (byte) random.nextInt(64);
        }
      } else {
        byte value = (byte) random.nextInt(64);
        for (int k = 0; k < run; k++) {
          pool[i++] = value;
        }
      }
    }
    return pool;
  }
}
