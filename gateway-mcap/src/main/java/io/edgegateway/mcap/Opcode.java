package io.edgegateway.mcap;

/** The MCAP record opcodes this writer emits (mcap.dev/spec, "Records"). */
final class Opcode {
  static final int HEADER = 0x01;
  static final int FOOTER = 0x02;
  static final int SCHEMA = 0x03;
  static final int CHANNEL = 0x04;
  static final int MESSAGE = 0x05;
  static final int CHUNK = 0x06;
  static final int MESSAGE_INDEX = 0x07;
  static final int CHUNK_INDEX = 0x08;
  static final int STATISTICS = 0x0B;
  static final int METADATA = 0x0C;
  static final int METADATA_INDEX = 0x0D;
  static final int SUMMARY_OFFSET = 0x0E;
  static final int DATA_END = 0x0F;

  /** The 8 bytes that open and close every MCAP file (format version 0). */
  static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

  private Opcode() {}

  /** Writes the opcode and a length placeholder; returns the position to pass to {@link #end}. */
  static int begin(LeBuffer buf, int opcode) {
    buf.u8(opcode);
    int lengthAt = buf.size();
    buf.u64(0);
    return lengthAt;
  }

  /** Patches the record length written by {@link #begin} to cover what followed it. */
  static void end(LeBuffer buf, int lengthAt) {
    buf.putU64At(lengthAt, buf.size() - lengthAt - 8L);
  }
}
