package io.edgegateway.mcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRCs the writer computes are the ones the TypeScript readers check: the untouched file reads,
 * and the same file with one CRC changed (a chunk's, the data section's, the summary's) is rejected
 * for that CRC.
 */
class McapCrcTest {
  private static NodeMcapReader reader;

  @TempDir Path dir;

  @BeforeAll
  static void installReader() throws Exception {
    reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
  }

  private Path write() throws IOException {
    Path file = dir.resolve("crc.mcap");
    try (OutputStream out = Files.newOutputStream(file);
        McapWriter w = McapWriter.open(out, new McapWriter.Options("ros2", "test", 64, 3))) {
      w.schema(
          1, "std_msgs/msg/String", "ros2msg", "string data\n".getBytes(StandardCharsets.UTF_8));
      w.channel(1, 1, "/chatter", "cdr", Map.of());
      for (int i = 0; i < 10; i++) {
        byte[] cdr = {0, 1, 0, 0, 2, 0, 0, 0, (byte) ('a' + i), 0};
        w.message(1, i, 1_000 + i, 900 + i, cdr);
      }
    }
    return file;
  }

  /** The file offset of the first record with {@code opcode}, walking the data section. */
  private static int firstRecord(byte[] file, int opcode) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int at = Opcode.MAGIC.length;
    while (at < file.length - Opcode.MAGIC.length) {
      int op = file[at] & 0xff;
      if (op == opcode) {
        return at;
      }
      at += 9 + (int) b.getLong(at + 1);
    }
    throw new AssertionError("no record " + opcode);
  }

  private Path corrupt(Path file, int offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[offset] ^= 0x5a;
    Path bad = dir.resolve("bad-" + offset + ".mcap");
    Files.write(bad, bytes);
    return bad;
  }

  @Test
  void intactFile_reads() throws Exception {
    assertThat(reader.read(write())).contains("\"messageCount\":10");
  }

  @Test
  void changedChunkCrc_isRejected() throws Exception {
    Path file = write();
    int chunk = firstRecord(Files.readAllBytes(file), Opcode.CHUNK);
    // opcode, length, message_start_time, message_end_time, uncompressed_size, then the CRC
    Path bad = corrupt(file, chunk + 9 + 24);
    assertThatThrownBy(() -> reader.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CRC");
  }

  @Test
  void changedDataSectionCrc_isRejected() throws Exception {
    Path file = write();
    int dataEnd = firstRecord(Files.readAllBytes(file), Opcode.DATA_END);
    Path bad = corrupt(file, dataEnd + 9);
    assertThatThrownBy(() -> reader.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CRC");
  }

  @Test
  void changedSummaryCrc_isRejected() throws Exception {
    Path file = write();
    int crc = (int) Files.size(file) - Opcode.MAGIC.length - 4;
    Path bad = corrupt(file, crc);
    assertThatThrownBy(() -> reader.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CRC");
  }
}
