package io.edgegateway.mcap;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chunk being filled: its uncompressed records, its time span and, per channel, the (log time,
 * offset) pairs its MessageIndex record will list.
 */
final class ChunkBuilder {
  private final LeBuffer records;
  private final Map<Integer, Entries> index = new TreeMap<>();
  private long startTime = Long.MAX_VALUE;
  private long endTime = Long.MIN_VALUE;
  private long messages;

  ChunkBuilder(int capacity) {
    records = new LeBuffer(capacity);
  }

  LeBuffer records() {
    return records;
  }

  boolean isEmpty() {
    return records.size() == 0;
  }

  long messages() {
    return messages;
  }

  long startTime() {
    return messages == 0 ? 0 : startTime;
  }

  long endTime() {
    return messages == 0 ? 0 : endTime;
  }

  /** Appends a Message record and indexes it. */
  void message(int channelId, long sequence, long logTime, long publishTime, byte[] data) {
    long offset = records.size();
    int at = Opcode.begin(records, Opcode.MESSAGE);
    records.u16(channelId).u32(sequence & 0xFFFF_FFFFL).u64(logTime).u64(publishTime).raw(data);
    Opcode.end(records, at);
    index.computeIfAbsent(channelId, id -> new Entries()).add(logTime, offset);
    endTime = messages == 0 ? logTime : Math.max(endTime, logTime);
    startTime = messages == 0 ? logTime : Math.min(startTime, logTime);
    messages++;
  }

  /**
   * The MessageIndex records of this chunk, one per channel in ascending channel id, each listing
   * its messages by ascending log time (ties in file order), as indexed readers expect.
   */
  Map<Integer, LeBuffer> messageIndexes() {
    Map<Integer, LeBuffer> out = new TreeMap<>();
    for (Map.Entry<Integer, Entries> e : index.entrySet()) {
      int n = e.getValue().size;
      long[] pairs = e.getValue().pairs;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(pairs[2 * a], pairs[2 * b]));
      LeBuffer buf = new LeBuffer(16 + 16 * n);
      int at = Opcode.begin(buf, Opcode.MESSAGE_INDEX);
      buf.u16(e.getKey()).u32(16L * n);
      for (int i : order) {
        buf.u64(pairs[2 * i]).u64(pairs[2 * i + 1]);
      }
      Opcode.end(buf, at);
      out.put(e.getKey(), buf);
    }
    return out;
  }

  void reset() {
    records.reset();
    index.clear();
    startTime = Long.MAX_VALUE;
    endTime = Long.MIN_VALUE;
    messages = 0;
  }

  /** One channel's (log time, offset) pairs, flat. */
  private static final class Entries {
    long[] pairs = new long[32];
    int size;

    void add(long logTime, long offset) {
      if (2 * size + 2 > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[2 * size] = logTime;
      pairs[2 * size + 1] = offset;
      size++;
    }
  }
}
