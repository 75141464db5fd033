package io.edgegateway.bench.e2e;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console summary of a run: the message counts, the stage table (each gateway stage against its
 * same-run ceiling, with the ratio) and the final line {@code scenario=… ingest_ratio=…
 * uplink_ratio=… cpu_pct=… rss_mb=… loss=…}.
 */
final class SummaryReport {
  /** The format of the last line; checked by the CI smoke test. */
  static final Pattern FINAL_LINE =
      Pattern.compile(
          "scenario=(humanoid-1|humanoid-1x10|max) ingest_ratio=\\d+\\.\\d{3} uplink_ratio=\\d+\\.\\d{3}"
              + " cpu_pct=\\d+\\.\\d rss_mb=\\d+ loss=-?\\d+");

  private final PrintStream log;

  SummaryReport(PrintStream log) {
    this.log = log;
  }

  /**
   * Computes the ratios and the loss into {@code r}, prints the stage table and returns the final
   * line (see {@link #FINAL_LINE}).
   */
  String finalLine(Scenario sc, Map<String, Object> r) {
    long published = (long) r.get("published");
    long received = (long) r.get("received");
    double ingest =
        sc.fixedRate()
            ? (published > 0 ? (double) received / published : 0)
            : (double) r.get("ingest_msgs_s") / (double) r.get("rawdds_msgs_s");
    double bare = (double) r.get("bare_bytes_s");
    double uplink = bare > 0 ? (double) r.get("drain_bytes_s") / bare : 0;
    long loss = published - (long) r.get("delivered") - (long) r.get("dropped_policy");
    r.put("ingest_ratio", ingest);
    r.put("uplink_ratio", uplink);
    r.put("loss", loss);
    printStages(r);
    return String.format(
        Locale.ROOT,
        "scenario=%s ingest_ratio=%.3f uplink_ratio=%.3f cpu_pct=%.1f rss_mb=%d loss=%d",
        sc.name(),
        ingest,
        uplink,
        (double) r.get("cpu_pct"),
        Math.round((double) r.get("rss_mb")),
        loss);
  }

  private void printStages(Map<String, Object> r) {
    double mb = 1e6;
    log.printf(
        Locale.ROOT,
        "published %d, gateway received %d, dropped by policy %d, intake full %d, delivered %d"
            + " (read_committed, %d batches); lost between DDS and Kafka inside the gateway: %d%n",
        r.get("published"),
        r.get("received"),
        r.get("dropped_policy"),
        r.get("dropped_intake_full"),
        r.get("delivered"),
        r.get("delivered_batches"),
        (long) r.get("received") - (long) r.get("dropped_policy") - (long) r.get("delivered"));
    log.printf(Locale.ROOT, "%-9s %-22s %-40s %s%n", "stage", "gateway", "ceiling", "ratio");
    double ingest = (double) r.get("ingest_msgs_s");
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "ingest",
        String.format(Locale.ROOT, "%.0f msgs/s", ingest),
        String.format(Locale.ROOT, "raw Fast-DDS %.0f msgs/s", (double) r.get("rawdds_msgs_s")),
        ingest / (double) r.get("rawdds_msgs_s"));
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "",
        "",
        String.format(
            Locale.ROOT,
            "ddsperf %.0f msgs/s at %d B",
            (double) r.get("ddsperf_msgs_s"),
            (int) r.get("ddsperf_size")),
        ingest / Math.max(1, (double) r.get("ddsperf_msgs_s")));
    stage(r, "compress", "codec_in_bytes_s", "zstd -3 CLI", "zstd3_bytes_s");
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s%n",
        "",
        String.format(Locale.ROOT, "ratio %.2fx", (double) r.get("gateway_ratio")),
        String.format(
            Locale.ROOT,
            "zstd -1 CLI %.1f MB/s; -3 ratio %.2fx",
            (double) r.get("zstd1_bytes_s") / mb,
            (double) r.get("zstd3_ratio")));
    stage(r, "queue", "queue_bytes_s", "sqlite3 bulk insert", "sqlite_bytes_s");
    stage(r, "uplink", "drain_bytes_s", "bare Kafka producer", "bare_bytes_s");
    log.printf(
        Locale.ROOT,
        "cpu %.1f %% of one core, rss peak %.0f MiB, commit p50 %.1f ms p99 %.1f ms (%s"
            + " commits), upload lag max %.2f s, backlog of %.1f s drained in %.2f s (%.1fx real"
            + " time, reconnect %.1f s)%n",
        (double) r.get("cpu_pct"),
        (double) r.get("rss_mb"),
        (double) r.get("commit_p50_ms"),
        (double) r.get("commit_p99_ms"),
        r.get("commits"),
        (double) r.get("lag_max_s"),
        (double) r.get("backlog_s"),
        (double) r.get("drain_s"),
        (double) r.get("drain_x"),
        (double) r.get("reconnect_s"));
  }

  private void stage(Map<String, Object> r, String name, String gw, String ceilName, String ceil) {
    double g = (double) r.get(gw);
    double c = (double) r.get(ceil);
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        name,
        String.format(Locale.ROOT, "%.2f MB/s", g / 1e6),
        String.format(Locale.ROOT, "%s %.1f MB/s", ceilName, c / 1e6),
        c > 0 ? g / c : 0);
  }
}
