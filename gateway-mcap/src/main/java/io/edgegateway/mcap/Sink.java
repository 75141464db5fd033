package io.edgegateway.mcap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/** The output file: counts the bytes written (file offsets) and keeps a CRC32 of a section. */
final class Sink {
  private final OutputStream out;
  private final CRC32 crc = new CRC32();
  private long position;

  Sink(OutputStream out) {
    this.out = out;
  }

  long position() {
    return position;
  }

  void write(LeBuffer buf) throws IOException {
    write(buf.array(), 0, buf.size());
  }

  void write(byte[] b, int offset, int length) throws IOException {
    out.write(b, offset, length);
    crc.update(b, offset, length);
    position += length;
  }

  /** The CRC32 of everything written since the last {@link #restartCrc()}. */
  long crc() {
    return crc.getValue();
  }

  void restartCrc() {
    crc.reset();
  }

  void flush() throws IOException {
    out.flush();
  }

  void close() throws IOException {
    out.close();
  }
}
