package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Builds a {@link QueueStats} from per-stream depth, sequence numbers, ages and evictions. */
final class StatsSnapshot {

  private StatsSnapshot() {}

  /**
   * @param depth batches and bytes waiting per stream
   * @param lastSeqs last batch_seq per stream
   * @param oldestOf seal time (wall ms) of the oldest waiting batch of a stream that has one
   * @param evicted batches evicted per stream and reason
   * @param quarantined corrupt files moved aside
   */
  static QueueStats of(
      RunningTotals depth,
      Map<String, Long> lastSeqs,
      Function<String, Long> oldestOf,
      Map<String, Map<String, Long>> evicted,
      long quarantined) {
    Map<String, QueueStats.StreamStats> streams = new TreeMap<>();
    long oldestOverall = 0;
    TreeSet<String> names = new TreeSet<>(lastSeqs.keySet());
    names.addAll(depth.byStream().keySet());
    Map<String, Long> evictedByReason = new TreeMap<>();
    evicted
        .values()
        .forEach(byReason -> byReason.forEach((r, n) -> evictedByReason.merge(r, n, Long::sum)));
    for (String stream : names) {
      RunningTotals.Depth d = depth.byStream().get(stream);
      long batches = d == null ? 0 : d.batches();
      long bytes = d == null ? 0 : d.bytes();
      long oldest = batches == 0 ? 0 : oldestOf.apply(stream);
      if (batches > 0 && (oldestOverall == 0 || oldest < oldestOverall)) {
        oldestOverall = oldest;
      }
      streams.put(
          stream,
          new QueueStats.StreamStats(
              batches,
              bytes,
              oldest,
              lastSeqs.getOrDefault(stream, 0L),
              evicted.getOrDefault(stream, Map.of())));
    }
    return new QueueStats(
        depth.batches(), depth.bytes(), oldestOverall, streams, evictedByReason, quarantined);
  }
}
