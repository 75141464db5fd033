package io.edgegateway.bench.chaos;

import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer side of the crash harness: reads every batch of the telemetry topic with
 * read_committed and indexes, per ROS topic, which gateway sequence numbers and which publisher
 * sequence numbers arrived, and how often.
 */
final class DeliveryAudit {
  private final Map<String, BitSet> gatewaySeqs = new HashMap<>();
  private final Map<String, BitSet> publisherSeqs = new HashMap<>();
  private long duplicates;
  private long batchGaps;
  private long batchDuplicates;
  private long records;

  /** Reads the topic from the beginning until nothing new arrived for {@code quiet}. */
  static DeliveryAudit read(String bootstrap, String kafkaTopic, Duration quiet) {
    DeliveryAudit audit = new DeliveryAudit();
    try (BatchReader reader =
        BatchReader.create(bootstrap, kafkaTopic, BatchReader.StartPosition.EARLIEST, Map.of())) {
      long quietUntil = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < quietUntil) {
        List<ReceivedBatch> batches = reader.poll(Duration.ofMillis(500));
        if (!batches.isEmpty()) {
          batches.forEach(b -> audit.add(b.batch()));
          quietUntil = System.nanoTime() + quiet.toNanos();
        }
      }
      audit.batchGaps = reader.gaps();
      audit.batchDuplicates = reader.duplicates();
    }
    return audit;
  }

  private void add(TelemetryBatch batch) {
    Map<Integer, String> names = new HashMap<>();
    for (TopicEntry t : batch.getTopicsList()) {
      names.put(t.getId(), t.getName());
    }
    for (Record r : batch.getRecordsList()) {
      records++;
      String topic = names.getOrDefault(r.getTopicId(), "?");
      boolean dup = !mark(gatewaySeqs, topic, r.getSeq());
      long publisherSeq = publisherSeq(r.getPayload().toByteArray());
      dup |= publisherSeq > 0 && !mark(publisherSeqs, topic, publisherSeq);
      if (dup) {
        duplicates++;
      }
    }
  }

  private static boolean mark(Map<String, BitSet> sets, String topic, long seq) {
    BitSet set = sets.computeIfAbsent(topic, t -> new BitSet());
    int i = Math.toIntExact(seq);
    if (set.get(i)) {
      return false;
    }
    set.set(i);
    return true;
  }

  /** The decimal number in a CDR {@code std_msgs/msg/String}; 0 if it is not one. */
  static long publisherSeq(byte[] cdr) {
    if (cdr.length < 9) {
      return 0;
    }
    ByteOrder order = cdr[1] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    int length = ByteBuffer.wrap(cdr, 4, 4).order(order).getInt();
    if (length < 2 || 8 + length > cdr.length) {
      return 0;
    }
    try {
      return Long.parseLong(new String(cdr, 8, length - 1, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  long records() {
    return records;
  }

  long duplicates() {
    return duplicates + batchDuplicates;
  }

  long batchGaps() {
    return batchGaps;
  }

  /** Distinct publisher sequence numbers delivered for {@code topic}. */
  long delivered(String topic) {
    BitSet set = publisherSeqs.get(topic);
    return set == null ? 0 : set.cardinality();
  }

  /** Gateway sequence numbers delivered for {@code topic}. */
  BitSet gatewaySeqs(String topic) {
    return gatewaySeqs.getOrDefault(topic, new BitSet());
  }
}
