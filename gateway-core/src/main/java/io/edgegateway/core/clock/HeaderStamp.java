package io.edgegateway.core.clock;

/**
 * Reads the {@code header.stamp} of a serialized sample whose message starts with a {@code
 * std_msgs/msg/Header} (its first field): {@code int32 sec} and {@code uint32 nanosec} right after
 * the 4-byte CDR encapsulation header, in the byte order the encapsulation names. No allocation.
 */
public final class HeaderStamp {
  /** What {@link #nanos} returns for a sample it cannot read the stamp of. */
  public static final long UNREADABLE = Long.MIN_VALUE;

  private static final int ENCAPSULATION = 4;
  private static final int STAMP_END = ENCAPSULATION + 8;

  private HeaderStamp() {}

  /**
   * The header stamp in nanoseconds since the Unix epoch (negative seconds give a negative value),
   * or {@link #UNREADABLE} when the sample is shorter than a stamp or its encapsulation is not
   * plain CDR (XCDR1 or XCDR2, big or little endian; parameter lists are not read).
   */
  public static long nanos(byte[] sample) {
    if (sample.length < STAMP_END || sample[0] != 0) {
      return UNREADABLE;
    }
    boolean little;
    switch (sample[1]) {
      case 0x00, 0x06 -> little = false; // CDR_BE, CDR2_BE
      case 0x01, 0x07 -> little = true; // CDR_LE, CDR2_LE
      default -> {
        return UNREADABLE;
      }
    }
    long sec = int32(sample, ENCAPSULATION, little);
    long nanosec = int32(sample, ENCAPSULATION + 4, little) & 0xffff_ffffL;
    return sec * 1_000_000_000L + nanosec;
  }

  private static int int32(byte[] b, int at, boolean little) {
    if (little) {
      return (b[at] & 0xff)
          | (b[at + 1] & 0xff) << 8
          | (b[at + 2] & 0xff) << 16
          | (b[at + 3] & 0xff) << 24;
    }
    return (b[at] & 0xff) << 24
        | (b[at + 1] & 0xff) << 16
        | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }
}
