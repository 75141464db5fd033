package io.edgegateway.testkit.dds;

import io.edgegateway.testkit.cdr.CdrWriter;
import java.util.Arrays;

/**
 * The deterministic samples the Cyclone test peers publish, and their expected CDR bytes.
 *
 * <p>Sample {@code i} of {@code std_msgs/msg/String} has data {@code "hello <i>"}. Sample {@code i}
 * of {@code sensor_msgs/msg/Imu} has: stamp {@code sec = i, nanosec = i * 1000}, frame {@code
 * imu_link}; orientation {@code (0.5i, 0.25i, -0.125i, 1)}; angular velocity {@code (i + 0.5, i +
 * 1.5, -(i + 2.5))}; linear acceleration {@code (0.75i, -0.75i, 9.80665)}; covariances {@code [k]}
 * = {@code i + 0.5k}, {@code 2i + 0.25k}, {@code 4i + 0.125k}. The C side is {@code
 * cyclone/ros_values.h}; keep both in step.
 *
 * <p><b>What Cyclone DDS 0.10.2 puts on the wire</b> (verified by receiving its samples through
 * Fast-DDS): plain little-endian CDR with encapsulation {@code 00 01}, the body padded with zero
 * bytes to a multiple of 4, and the number of padding bytes in the low two bits of the
 * encapsulation options (XTypes 1.3, 7.6.3.1.2). {@code "hello 199"} (14-byte body) arrives as
 * {@code 00 01 00 02}, the body and 2 zero bytes; {@code "hello 0"} (12-byte body) as {@code 00 01
 * 00 00} and the body. {@link #cycloneString} and {@link #cycloneImu} give those exact bytes.
 *
 * <p>{@link #stringCdr} and {@link #imuCdr} give the unpadded form ({@link CdrWriter}'s). A DDS
 * reader receiving such a sample sees it zero-padded to a multiple of 4 with the options left at 0:
 * RTPS pads DATA submessages to 4 bytes and the payload length is not sent separately (observed
 * between two Fast-DDS 2.14 participants). Cyclone readers accept both forms.
 */
public final class RosSamples {
  /** ROS type of the string samples. */
  public static final String STRING_TYPE = "std_msgs/msg/String";

  /** ROS type of the IMU samples. */
  public static final String IMU_TYPE = "sensor_msgs/msg/Imu";

  /** Frame id of every IMU sample. */
  public static final String IMU_FRAME = "imu_link";

  private static final int HEADER = 4;

  private RosSamples() {}

  /** The data of string sample {@code i}. */
  public static String stringData(int i) {
    return "hello " + i;
  }

  /** String sample {@code i} as unpadded CDR, encapsulation header included. */
  public static byte[] stringCdr(int i) {
    return new CdrWriter().string(stringData(i)).toByteArray();
  }

  /** IMU sample {@code i} as unpadded CDR, encapsulation header included (324 bytes). */
  public static byte[] imuCdr(int i) {
    CdrWriter w = new CdrWriter(512);
    w.header(i, i * 1000, IMU_FRAME);
    w.float64(i * 0.5).float64(i * 0.25).float64(-i * 0.125).float64(1.0);
    for (int k = 0; k < 9; k++) {
      w.float64(i + k * 0.5);
    }
    w.float64(i + 0.5).float64(i + 1.5).float64(-(i + 2.5));
    for (int k = 0; k < 9; k++) {
      w.float64(i * 2.0 + k * 0.25);
    }
    w.float64(i * 0.75).float64(-i * 0.75).float64(9.80665);
    for (int k = 0; k < 9; k++) {
      w.float64(i * 4.0 + k * 0.125);
    }
    return w.toByteArray();
  }

  /** String sample {@code i} exactly as a Cyclone DDS writer serializes it. */
  public static byte[] cycloneString(int i) {
    return asCycloneWrites(stringCdr(i));
  }

  /** IMU sample {@code i} exactly as a Cyclone DDS writer serializes it. */
  public static byte[] cycloneImu(int i) {
    return asCycloneWrites(imuCdr(i));
  }

  /**
   * Pads an unpadded CDR sample (header included) the way Cyclone DDS does: zero bytes up to a body
   * length that is a multiple of 4, their count in the options' low two bits.
   */
  public static byte[] asCycloneWrites(byte[] cdr) {
    if (cdr.length < HEADER) {
      throw new IllegalArgumentException("cdr.length : " + cdr.length + " (expected: >= 4)");
    }
    int pad = (4 - (cdr.length - HEADER) % 4) % 4;
    byte[] padded = Arrays.copyOf(cdr, cdr.length + pad);
    padded[3] = (byte) ((padded[3] & ~0x03) | pad);
    return padded;
  }
}
