package io.edgegateway.buffer.capture;

import io.edgegateway.core.Envelope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * One segment file of the capture ring: the samples of one topic received during one time slice,
 * appended in receive order.
 *
 * <p>Format: a header ({@code int} magic {@code EGR1}, {@code short} length and UTF-8 bytes of the
 * topic), then one frame per sample: {@code int} body length, {@code int} CRC-32 of the body, the
 * body ({@code short} length and UTF-8 bytes of the type, {@code long} source stamp, {@code long}
 * receive stamp, {@code long} seq, the CDR payload as received). Big endian. A frame that is cut
 * short or fails its CRC ends the readable part of the file ({@link #scan}).
 *
 * <p>The writer keeps {@code validBytes}, {@code firstNs}, {@code lastNs} and {@code samples} of
 * what it appended; readers read only up to {@code validBytes} as it was when they started.
 */
final class RingSegment {
  static final int MAGIC = 0x45475231; // "EGR1"
  static final int FRAME_OVERHEAD = 8;
  private static final int MAX_BODY = 128 << 20;
  private static final int BUFFER = 64 << 10;

  final Path file;
  final String topic;
  volatile long validBytes;
  volatile long firstNs;
  volatile long lastNs;
  volatile long samples;
  private @Nullable DataOutputStream out;

  private RingSegment(Path file, String topic) {
    this.file = file;
    this.topic = topic;
  }

  /** Creates the file and writes its header; the segment is open for appends. */
  static RingSegment create(Path file, String topic) throws IOException {
    RingSegment s = new RingSegment(file, topic);
    OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, BUFFER));
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    out.writeInt(MAGIC);
    out.writeShort(name.length);
    out.write(name);
    s.out = out;
    s.validBytes = 6L + name.length;
    return s;
  }

  /** Appends one sample; the segment must be open. */
  void append(Envelope e) throws IOException {
    DataOutputStream o = out;
    if (o == null) {
      throw new IOException("segment " + file + " is closed");
    }
    byte[] type = e.type().getBytes(StandardCharsets.UTF_8);
    int bodyLength = 2 + type.length + 24 + e.payload().length;
    CRC32 crc = new CRC32();
    byte[] head = new byte[2 + type.length + 24];
    java.nio.ByteBuffer.wrap(head)
        .putShort((short) type.length)
        .put(type)
        .putLong(e.sourceStampNs())
        .putLong(e.receiveStampNs())
        .putLong(e.seq());
    crc.update(head);
    crc.update(e.payload());
    o.writeInt(bodyLength);
    o.writeInt((int) crc.getValue());
    o.write(head);
    o.write(e.payload());
    if (samples == 0) {
      firstNs = e.receiveStampNs();
    }
    lastNs = e.receiveStampNs();
    samples++;
    validBytes += FRAME_OVERHEAD + bodyLength;
  }

  /** Whether appends are still accepted. */
  boolean isOpen() {
    return out != null;
  }

  /** Writes buffered frames to the file (the OS page cache). */
  void flush() throws IOException {
    DataOutputStream o = out;
    if (o != null) {
      o.flush();
    }
  }

  /** Flushes and closes the file for appends; reads still work. */
  void closeForAppend() throws IOException {
    DataOutputStream o = out;
    out = null;
    if (o != null) {
      o.close();
    }
  }

  /**
   * Reads an existing segment found at start: the header, then frames until the end or the first
   * frame that is cut short or fails its CRC.
   *
   * @return the segment with what its readable part holds, or null when even the header is bad
   */
  static @Nullable RingSegment scan(Path file, boolean[] corrupt) throws IOException {
    try (DataInputStream in = open(file)) {
      String topic = header(in);
      if (topic == null) {
        corrupt[0] = true;
        return null;
      }
      RingSegment s = new RingSegment(file, topic);
      s.validBytes = 6L + topic.getBytes(StandardCharsets.UTF_8).length;
      long size = Files.size(file);
      corrupt[0] =
          !frames(
              in,
              size - s.validBytes,
              (e, frameBytes) -> {
                if (s.samples == 0) {
                  s.firstNs = e.receiveStampNs();
                }
                s.lastNs = e.receiveStampNs();
                s.samples++;
                s.validBytes += frameBytes;
              },
              topic);
      return s;
    }
  }

  /** Hands the samples of the first {@code limit} bytes to {@code sink}, in file order. */
  void read(long limit, Consumer<Envelope> sink) throws IOException {
    try (DataInputStream in = open(file)) {
      String t = header(in);
      if (t == null) {
        return;
      }
      long body = limit - 6L - t.getBytes(StandardCharsets.UTF_8).length;
      frames(in, body, (e, n) -> sink.accept(e), t);
    }
  }

  private interface FrameSink {
    void frame(Envelope e, int frameBytes);
  }

  /** Reads frames from {@code in} within {@code limit} bytes; false when a bad frame ended it. */
  private static boolean frames(DataInputStream in, long limit, FrameSink sink, String topic)
      throws IOException {
    long left = limit;
    while (left > 0) {
      if (left < FRAME_OVERHEAD) {
        return false;
      }
      int bodyLength;
      int crcValue;
      try {
        bodyLength = in.readInt();
        crcValue = in.readInt();
      } catch (EOFException e) {
        return false;
      }
      if (bodyLength < 26 || bodyLength > MAX_BODY || bodyLength > left - FRAME_OVERHEAD) {
        return false;
      }
      byte[] body = new byte[bodyLength];
      try {
        in.readFully(body);
      } catch (EOFException e) {
        return false;
      }
      CRC32 crc = new CRC32();
      crc.update(body);
      if ((int) crc.getValue() != crcValue) {
        return false;
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body);
      int typeLength = b.getShort() & 0xffff;
      if (typeLength > bodyLength - 26) {
        return false;
      }
      String type = new String(body, 2, typeLength, StandardCharsets.UTF_8);
      b.position(2 + typeLength);
      long source = b.getLong();
      long receive = b.getLong();
      long seq = b.getLong();
      byte[] payload = new byte[b.remaining()];
      b.get(payload);
      sink.frame(
          new Envelope(topic, type, source, receive, seq, payload), FRAME_OVERHEAD + bodyLength);
      left -= FRAME_OVERHEAD + bodyLength;
    }
    return true;
  }

  private static @Nullable String header(DataInputStream in) throws IOException {
    try {
      if (in.readInt() != MAGIC) {
        return null;
      }
      int length = in.readUnsignedShort();
      byte[] name = new byte[length];
      in.readFully(name);
      String topic = new String(name, StandardCharsets.UTF_8);
      return topic.startsWith("/") ? topic : null;
    } catch (EOFException e) {
      return null;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return new DataInputStream(new BufferedInputStream(raw, BUFFER));
  }
}
