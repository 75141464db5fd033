package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DDS-level loss of a run: samples the simulator's writers sent that never reached the gateway,
 * per topic and reason, from the daemon's last {@code gateway_dds_lost_samples_total} scrape (gaps
 * in each writer's sequence numbers), next to the host's UDP {@code RcvbufErrors} delta over the
 * run (from {@code /proc/net/snmp}: machine-wide, so other processes' overflows count too). Appends
 * {@code dds_lost=N dds_lost_by_topic=/a:n,/b:n rcvbuf_errors=N before_match=N match_wait_s=W} to
 * the final line: {@code before_match} is the part of {@code dds_lost} written before a reader
 * matched its writer (discovery, not the gateway; the simulator waits for the match, so it should
 * be 0), {@code match_wait_s} how long the simulator waited for its writers to match (-1 unknown).
 */
final class DdsLossReport {
  private static final String METRIC = "gateway_dds_lost_samples_total";

  private DdsLossReport() {}

  /** The machine's UDP RcvbufErrors so far, -1 when {@code /proc/net/snmp} cannot be read. */
  static long rcvbufErrors() {
    try {
      List<String> udp =
          Files.readAllLines(Path.of("/proc/net/snmp")).stream()
              .filter(l -> l.startsWith("Udp:"))
              .toList();
      if (udp.size() < 2) {
        return -1;
      }
      List<String> names = List.of(udp.get(0).split("\\s+"));
      String[] values = udp.get(1).split("\\s+");
      int i = names.indexOf("RcvbufErrors");
      return i < 0 || i >= values.length ? -1 : Long.parseLong(values[i]);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Prints the per-topic loss to {@code log}, puts it into {@code r} and returns the suffix of the
   * final line (starting with a space).
   */
  static String report(
      String metricsText,
      long rcvbufBefore,
      long rcvbufAfter,
      Map<String, Object> r,
      PrintStream log) {
    PromText prom = PromText.parse(metricsText);
    Map<String, Double> byTopic = prom.sumBy(METRIC, "topic");
    Map<String, Double> byReason = prom.sumBy(METRIC, "reason");
    long total = Math.round(byTopic.values().stream().mapToDouble(Double::doubleValue).sum());
    StringBuilder topics = new StringBuilder();
    byTopic.forEach(
        (topic, n) -> {
          if (n > 0) {
            topics.append(topics.length() == 0 ? "" : ",").append(topic).append(':');
            topics.append(Math.round(n));
          }
        });
    long rcvbuf = rcvbufBefore < 0 || rcvbufAfter < 0 ? -1 : rcvbufAfter - rcvbufBefore;
    log.printf(
        Locale.ROOT,
        "DDS-level loss (gaps in writer sequence numbers, inside the gateway): %d %s; per topic:"
            + " %s; host UDP RcvbufErrors during the run: %d%n",
        total,
        byReason,
        topics.length() == 0 ? "none" : topics,
        rcvbuf);
    r.put("dds_lost", total);
    r.put("dds_lost_by_topic", topics.toString());
    r.put("rcvbuf_errors", rcvbuf);
    long beforeMatch = Math.round(byReason.getOrDefault("before_match", 0.0));
    r.put("dds_lost_before_match", beforeMatch);
    Object wait = r.getOrDefault("sim_match_wait_s", -1.0);
    return String.format(
        Locale.ROOT,
        " dds_lost=%d dds_lost_by_topic=%s rcvbuf_errors=%d before_match=%d match_wait_s=%.2f",
        total,
        topics.length() == 0 ? "-" : topics,
        rcvbuf,
        beforeMatch,
        ((Number) wait).doubleValue());
  }
}
