package io.edgegateway.mcap;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes one MCAP file: Header, then Schema, Channel and Metadata records at the top level and
 * Message records in zstd-compressed Chunks (each followed by its MessageIndex records), then
 * DataEnd, a Summary section (Schema, Channel, Statistics, Metadata index, Chunk index, Summary
 * offsets) and the Footer, so readers can seek without scanning the data section.
 *
 * <p>Implementation notes: a Schema or Channel record is written to the file when it is registered,
 * which is before the chunk holding its first message (the open chunk is only buffered), so a
 * streaming reader meets every channel before its messages. A chunk closes when its uncompressed
 * records reach {@link Options#chunkBytes()}. CRCs: each chunk's {@code uncompressed_crc}, the
 * DataEnd {@code data_section_crc} (from the leading magic to the last data record) and the Footer
 * {@code summary_crc} are computed (CRC32, as java.util.zip has it).
 *
 * <p>Not thread-safe; {@link #close()} finishes the file and closes the stream.
 */
public final class McapWriter implements AutoCloseable {
  /**
   * How to write the file.
   *
   * @param profile the Header profile, e.g. {@code ros2}
   * @param library the Header library, e.g. {@code edge-gateway 0.1.0}
   * @param chunkBytes close a chunk once its uncompressed records reach this many bytes (>= 1)
   * @param zstdLevel the zstd level for chunks (1..19)
   */
  public record Options(String profile, String library, int chunkBytes, int zstdLevel) {
    public Options {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(library, "library");
      if (chunkBytes < 1) {
        throw new IllegalArgumentException("chunkBytes : " + chunkBytes + " (expected: >= 1)");
      }
      if (zstdLevel < 1 || zstdLevel > 19) {
        throw new IllegalArgumentException("zstdLevel : " + zstdLevel + " (expected: 1..19)");
      }
    }

    /** The ros2 profile with 1 MiB chunks at zstd level 3. */
    public static Options ros2(String library) {
      return new Options("ros2", library, 1 << 20, 3);
    }
  }

  private final Sink sink;
  private final Options options;
  private final ChunkBuilder chunk;
  private final LeBuffer scratch = new LeBuffer(256);
  private final List<byte[]> schemaRecords = new ArrayList<>();
  private final List<byte[]> channelRecords = new ArrayList<>();
  private final List<byte[]> chunkIndexRecords = new ArrayList<>();
  private final List<byte[]> metadataIndexRecords = new ArrayList<>();
  private final Map<Integer, Long> channelMessages = new TreeMap<>();
  private long messages;
  private long startTime = Long.MAX_VALUE;
  private long endTime = Long.MIN_VALUE;
  private int chunks;
  private boolean closed;

  private McapWriter(OutputStream out, Options options) throws IOException {
    this.sink = new Sink(Objects.requireNonNull(out, "out"));
    this.options = Objects.requireNonNull(options, "options");
    this.chunk = new ChunkBuilder(Math.min(options.chunkBytes() + 4096, 64 << 20));
    sink.write(Opcode.MAGIC, 0, Opcode.MAGIC.length);
    scratch.reset();
    int at = Opcode.begin(scratch, Opcode.HEADER);
    scratch.string(options.profile()).string(options.library());
    Opcode.end(scratch, at);
    sink.write(scratch);
  }

  /** Starts a file on {@code out}: writes the magic and the Header. */
  public static McapWriter open(OutputStream out, Options options) throws IOException {
    return new McapWriter(out, options);
  }

  /** Bytes written to the stream so far (closed chunks included, the open one not). */
  public long bytesWritten() {
    return sink.position();
  }

  /** Messages written so far, in closed chunks and the open one. */
  public long messages() {
    return messages;
  }

  /**
   * Writes a Schema record.
   *
   * @param id the schema id (1..65535; 0 means "no schema" in MCAP)
   * @param encoding e.g. {@code ros2msg}
   */
  public void schema(int id, String name, String encoding, byte[] data) throws IOException {
    checkOpen();
    checkId("schema id", id, 1);
    scratch.reset();
    int at = Opcode.begin(scratch, Opcode.SCHEMA);
    scratch.u16(id).string(name).string(encoding).bytes(data);
    Opcode.end(scratch, at);
    schemaRecords.add(scratch.toByteArray());
    sink.write(scratch);
  }

  /**
   * Writes a Channel record.
   *
   * @param id the channel id (0..65535)
   * @param schemaId the schema of its messages (written before), 0 for none
   * @param messageEncoding e.g. {@code cdr}
   */
  public void channel(
      int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata)
      throws IOException {
    checkOpen();
    checkId("channel id", id, 0);
    checkId("schema id", schemaId, 0);
    scratch.reset();
    int at = Opcode.begin(scratch, Opcode.CHANNEL);
    scratch.u16(id).u16(schemaId).string(topic).string(messageEncoding);
    stringMap(scratch, metadata);
    Opcode.end(scratch, at);
    channelRecords.add(scratch.toByteArray());
    channelMessages.putIfAbsent(id, 0L);
    sink.write(scratch);
  }

  /**
   * Adds a Message to the open chunk; closes the chunk when it is full.
   *
   * @param sequence written as uint32 (the low 32 bits)
   * @param logTimeNs when the message was received, ns since the epoch
   * @param publishTimeNs when it was published (the source stamp), ns since the epoch
   */
  public void message(int channelId, long sequence, long logTimeNs, long publishTimeNs, byte[] data)
      throws IOException {
    checkOpen();
    if (!channelMessages.containsKey(channelId)) {
      throw new IllegalArgumentException(
          "channelId : " + channelId + " (expected: a channel written before)");
    }
    chunk.message(channelId, sequence, logTimeNs, publishTimeNs, data);
    channelMessages.merge(channelId, 1L, Long::sum);
    messages++;
    startTime = Math.min(startTime, logTimeNs);
    endTime = Math.max(endTime, logTimeNs);
    if (chunk.records().size() >= options.chunkBytes()) {
      flushChunk();
    }
  }

  /** Writes a Metadata record (a named string map) at the top level of the data section. */
  public void metadata(String name, Map<String, String> entries) throws IOException {
    checkOpen();
    scratch.reset();
    int at = Opcode.begin(scratch, Opcode.METADATA);
    scratch.string(name);
    stringMap(scratch, entries);
    Opcode.end(scratch, at);
    long offset = sink.position();
    long length = scratch.size();
    sink.write(scratch);
    LeBuffer index = new LeBuffer(64);
    int ia = Opcode.begin(index, Opcode.METADATA_INDEX);
    index.u64(offset).u64(length).string(name);
    Opcode.end(index, ia);
    metadataIndexRecords.add(index.toByteArray());
  }

  /** Closes the open chunk, writes DataEnd, the summary and the footer, and closes the stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flushChunk();
      scratch.reset();
      int at = Opcode.begin(scratch, Opcode.DATA_END);
      scratch.u32(sink.crc());
      Opcode.end(scratch, at);
      sink.write(scratch);
      sink.restartCrc();
      new SummaryWriter(sink).write(this::statistics, groups());
      sink.flush();
    } finally {
      closed = true;
      sink.close();
    }
  }

  private Map<Integer, List<byte[]>> groups() {
    Map<Integer, List<byte[]>> groups = new LinkedHashMap<>();
    groups.put(Opcode.SCHEMA, schemaRecords);
    groups.put(Opcode.CHANNEL, channelRecords);
    groups.put(Opcode.STATISTICS, List.of());
    groups.put(Opcode.METADATA_INDEX, metadataIndexRecords);
    groups.put(Opcode.CHUNK_INDEX, chunkIndexRecords);
    return groups;
  }

  private byte[] statistics() {
    LeBuffer b = new LeBuffer(128);
    int at = Opcode.begin(b, Opcode.STATISTICS);
    b.u64(messages)
        .u16(schemaRecords.size())
        .u32(channelRecords.size())
        .u32(0)
        .u32(metadataIndexRecords.size())
        .u32(chunks)
        .u64(messages == 0 ? 0 : startTime)
        .u64(messages == 0 ? 0 : endTime);
    b.u32(10L * channelMessages.size());
    channelMessages.forEach((id, n) -> b.u16(id).u64(n));
    Opcode.end(b, at);
    return b.toByteArray();
  }

  private void flushChunk() throws IOException {
    if (chunk.isEmpty()) {
      return;
    }
    LeBuffer records = chunk.records();
    CRC32 crc = new CRC32();
    crc.update(records.array(), 0, records.size());
    byte[] compressed = Zstd.compress(records.toByteArray(), options.zstdLevel());
    scratch.reset();
    int at = Opcode.begin(scratch, Opcode.CHUNK);
    scratch
        .u64(chunk.startTime())
        .u64(chunk.endTime())
        .u64(records.size())
        .u32(crc.getValue())
        .string("zstd")
        .u64(compressed.length)
        .raw(compressed);
    Opcode.end(scratch, at);
    long chunkStart = sink.position();
    long chunkLength = scratch.size();
    sink.write(scratch);
    Map<Integer, Long> indexOffsets = new TreeMap<>();
    long indexStart = sink.position();
    for (Map.Entry<Integer, LeBuffer> e : chunk.messageIndexes().entrySet()) {
      indexOffsets.put(e.getKey(), sink.position());
      sink.write(e.getValue());
    }
    LeBuffer ci = new LeBuffer(128);
    int cia = Opcode.begin(ci, Opcode.CHUNK_INDEX);
    ci.u64(chunk.startTime()).u64(chunk.endTime()).u64(chunkStart).u64(chunkLength);
    ci.u32(10L * indexOffsets.size());
    indexOffsets.forEach((id, offset) -> ci.u16(id).u64(offset));
    ci.u64(sink.position() - indexStart).string("zstd").u64(compressed.length).u64(records.size());
    Opcode.end(ci, cia);
    chunkIndexRecords.add(ci.toByteArray());
    chunks++;
    chunk.reset();
  }

  private static void stringMap(LeBuffer buf, Map<String, String> map) {
    int lengthAt = buf.size();
    buf.u32(0);
    int start = buf.size();
    new TreeMap<>(map).forEach((k, v) -> buf.string(k).string(v));
    buf.putU32At(lengthAt, buf.size() - start);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the MCAP writer is closed");
    }
  }

  private static void checkId(String what, int id, int min) {
    if (id < min || id > 0xFFFF) {
      throw new IllegalArgumentException(what + " : " + id + " (expected: " + min + "..65535)");
    }
  }
}
