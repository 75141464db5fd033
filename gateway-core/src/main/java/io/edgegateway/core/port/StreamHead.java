package io.edgegateway.core.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The waiting batches of one stream as the class order sees them: a stream's batches can only go in
 * {@code batch_seq} order (the uplink's checkpoint is the highest committed {@code batch_seq} of
 * the stream), so a stream is ordered as a whole, by its oldest waiting batch and its most
 * important one.
 *
 * @param stream the stream
 * @param headId queue id of its oldest waiting batch (the next one it may send)
 * @param headSealedAtMillis seal time of that batch, wall ms
 * @param maxPriority the highest priority among its waiting batches (0..9): the batches before it
 *     must go first, so the stream goes at that priority
 */
public record StreamHead(String stream, long headId, long headSealedAtMillis, int maxPriority) {
  public StreamHead {
    Objects.requireNonNull(stream, "stream");
  }

  /**
   * {@code batches} (in append order) regrouped by stream, streams in {@code order}, each stream's
   * batches in their original order: the class order within what was read.
   */
  public static List<StoredBatch> inOrder(List<StoredBatch> batches, Comparator<StreamHead> order) {
    Map<String, List<StoredBatch>> byStream = new LinkedHashMap<>();
    for (StoredBatch b : batches) {
      byStream.computeIfAbsent(b.batch().stream(), s -> new ArrayList<>()).add(b);
    }
    List<Map.Entry<StreamHead, List<StoredBatch>>> groups = new ArrayList<>();
    for (Map.Entry<String, List<StoredBatch>> e : byStream.entrySet()) {
      StoredBatch head = e.getValue().get(0);
      int max = 0;
      for (StoredBatch b : e.getValue()) {
        max = Math.max(max, b.batch().priority());
      }
      groups.add(
          Map.entry(
              new StreamHead(e.getKey(), head.id(), head.batch().sealedAtMillis(), max),
              e.getValue()));
    }
    groups.sort(Map.Entry.comparingByKey(order));
    List<StoredBatch> out = new ArrayList<>(batches.size());
    groups.forEach(g -> out.addAll(g.getValue()));
    return List.copyOf(out);
  }

  /**
   * The first of {@code batches} up to {@code maxBatches} and {@code maxBytes} of payload in total;
   * the first batch is kept even if it is larger.
   */
  public static List<StoredBatch> cut(List<StoredBatch> batches, int maxBatches, long maxBytes) {
    List<StoredBatch> out = new ArrayList<>();
    long total = 0;
    for (StoredBatch b : batches) {
      long bytes = b.batch().payload().length;
      if (out.size() >= maxBatches || (!out.isEmpty() && total + bytes > maxBytes)) {
        break;
      }
      out.add(b);
      total += bytes;
    }
    return List.copyOf(out);
  }
}
