package io.edgegateway.mcap;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes the Summary section (record groups, then one SummaryOffset per group), the Footer and the
 * closing magic. The Footer's {@code summary_crc} covers the summary and the Footer up to it.
 */
final class SummaryWriter {
  private final Sink sink;

  SummaryWriter(Sink sink) {
    this.sink = sink;
  }

  /**
   * @param statistics the Statistics record (written where the STATISTICS group is listed)
   * @param groups the record groups by opcode, in the order they are written
   */
  void write(Supplier<byte[]> statistics, Map<Integer, List<byte[]>> groups) throws IOException {
    long summaryStart = sink.position();
    LeBuffer offsets = new LeBuffer(256);
    for (Map.Entry<Integer, List<byte[]>> group : groups.entrySet()) {
      List<byte[]> records =
          group.getKey() == Opcode.STATISTICS ? List.of(statistics.get()) : group.getValue();
      if (records.isEmpty()) {
        continue;
      }
      long groupStart = sink.position();
      for (byte[] r : records) {
        sink.write(r, 0, r.length);
      }
      int at = Opcode.begin(offsets, Opcode.SUMMARY_OFFSET);
      offsets.u8(group.getKey()).u64(groupStart).u64(sink.position() - groupStart);
      Opcode.end(offsets, at);
    }
    long summaryOffsetStart = sink.position();
    sink.write(offsets);
    LeBuffer footer = new LeBuffer(32);
    int at = Opcode.begin(footer, Opcode.FOOTER);
    footer.u64(summaryStart).u64(summaryOffsetStart);
    Opcode.end(footer, at);
    // the CRC covers the footer's fields up to (not including) summary_crc itself
    footer.putU64At(at, 8 + 8 + 4);
    sink.write(footer);
    LeBuffer tail = new LeBuffer(16);
    tail.u32(sink.crc()).raw(Opcode.MAGIC);
    sink.write(tail);
  }
}
