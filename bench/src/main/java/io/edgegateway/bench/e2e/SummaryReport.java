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
  /**
   * The format of the last line; checked by the CI smoke test. Fields appended after {@code loss}
   * (the DDS-level loss of {@link DdsLossReport}) are {@code name=value} pairs.
   */
  static final Pattern FINAL_LINE =
      Pattern.compile(
          "scenario=(humanoid-1|humanoid-1x10|max|many-topics) ingest_ratio=\\d+\\.\\d{3} uplink_ratio=\\d+\\.\\d{3}"
              + " cpu_pct=\\d+\\.\\d rss_mb=\\d+ loss=-?\\d+ cpu_ratio_vs_raw=\\d+\\.\\d{2}(?: [a-z_]+=\\S+)*");

  private final PrintStream log;

  SummaryReport(PrintStream log) {
    this.log = log;
  }

  /**
   * Computes the ratios and the loss into {@code r}, prints the stage table and returns the final
   * line (see {@link #FINAL_LINE}).
   */
  String finalLine(Scenario sc, Map<String, Object> r) {
    long published = RunResults.get(r, "published", Long.class);
    long received = RunResults.get(r, "received", Long.class);
    double ingest =
        sc.fixedRate()
            ? (published > 0 ? (double) received / published : 0)
            : RunResults.get(r, "ingest_msgs_s", Double.class)
                / RunResults.get(r, "rawdds_msgs_s", Double.class);
    double bare = RunResults.get(r, "bare_bytes_s", Double.class);
    double uplink = bare > 0 ? RunResults.get(r, "drain_bytes_s", Double.class) / bare : 0;
    long loss =
        published
            - RunResults.get(r, "delivered", Long.class)
            - RunResults.get(r, "dropped_policy", Long.class);
    r.put("ingest_ratio", ingest);
    r.put("uplink_ratio", uplink);
    r.put("loss", loss);
    printStages(r);
    return String.format(
        Locale.ROOT,
        "scenario=%s ingest_ratio=%.3f uplink_ratio=%.3f cpu_pct=%.1f rss_mb=%d loss=%d"
            + " cpu_ratio_vs_raw=%.2f",
        sc.name(),
        ingest,
        uplink,
        RunResults.get(r, "cpu_pct", Double.class),
        Math.round(RunResults.get(r, "rss_mb", Double.class)),
        loss,
        RunResults.get(r, "cpu_ratio_vs_raw", Double.class));
  }

  private void printStages(Map<String, Object> r) {
    double mb = 1e6;
    log.printf(
        Locale.ROOT,
        "raw subscriber alongside (same topics, same window): %.1f %% of one core, %.0f msgs/s;"
            + " daemon cpu / raw %.2f, daemon received / raw %.3f%n",
        RunResults.get(r, "raw_cpu_pct", Double.class),
        RunResults.get(r, "raw_live_msgs_s", Double.class),
        RunResults.get(r, "cpu_ratio_vs_raw", Double.class),
        RunResults.get(r, "ingest_ratio_vs_raw_live", Double.class));
    log.printf(
        Locale.ROOT,
        "published %d, gateway received %d, dropped by policy %d, intake full %d, delivered %d"
            + " (read_committed, %d batches); lost between DDS and Kafka inside the gateway: %d%n",
        RunResults.get(r, "published", Long.class),
        RunResults.get(r, "received", Long.class),
        RunResults.get(r, "dropped_policy", Long.class),
        RunResults.get(r, "dropped_intake_full", Long.class),
        RunResults.get(r, "delivered", Long.class),
        RunResults.get(r, "delivered_batches", Long.class),
        RunResults.get(r, "received", Long.class)
            - RunResults.get(r, "dropped_policy", Long.class)
            - RunResults.get(r, "delivered", Long.class));
    log.printf(Locale.ROOT, "%-9s %-22s %-40s %s%n", "stage", "gateway", "ceiling", "ratio");
    double ingest = RunResults.get(r, "ingest_msgs_s", Double.class);
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "ingest",
        String.format(Locale.ROOT, "%.0f msgs/s", ingest),
        String.format(
            Locale.ROOT,
            "raw Fast-DDS %.0f msgs/s",
            RunResults.get(r, "rawdds_msgs_s", Double.class)),
        ingest / RunResults.get(r, "rawdds_msgs_s", Double.class));
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "",
        "",
        String.format(
            Locale.ROOT,
            "ddsperf %.0f msgs/s at %d B",
            RunResults.get(r, "ddsperf_msgs_s", Double.class),
            RunResults.get(r, "ddsperf_size", Integer.class)),
        ingest / Math.max(1, RunResults.get(r, "ddsperf_msgs_s", Double.class)));
    stage(r, "compress", "codec_in_bytes_s", "zstd -3 CLI", "zstd3_bytes_s");
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s%n",
        "",
        String.format(Locale.ROOT, "ratio %.2fx", RunResults.get(r, "gateway_ratio", Double.class)),
        String.format(
            Locale.ROOT,
            "zstd -1 CLI %.1f MB/s; -3 ratio %.2fx",
            RunResults.get(r, "zstd1_bytes_s", Double.class) / mb,
            RunResults.get(r, "zstd3_ratio", Double.class)));
    stage(r, "queue", "queue_bytes_s", "sqlite3 bulk insert", "sqlite_bytes_s");
    stage(r, "uplink", "drain_bytes_s", "bare Kafka producer", "bare_bytes_s");
    log.printf(
        Locale.ROOT,
        "cpu %.1f %% of one core, rss peak %.0f MiB, commit p50 %.1f ms p99 %.1f ms (%s"
            + " commits), upload lag max %.2f s, backlog of %.1f s drained in %.2f s (%.1fx real"
            + " time, reconnect %.1f s)%n",
        RunResults.get(r, "cpu_pct", Double.class),
        RunResults.get(r, "rss_mb", Double.class),
        RunResults.get(r, "commit_p50_ms", Double.class),
        RunResults.get(r, "commit_p99_ms", Double.class),
        r.get("commits"),
        RunResults.get(r, "lag_max_s", Double.class),
        RunResults.get(r, "backlog_s", Double.class),
        RunResults.get(r, "drain_s", Double.class),
        RunResults.get(r, "drain_x", Double.class),
        RunResults.get(r, "reconnect_s", Double.class));
  }

  private void stage(Map<String, Object> r, String name, String gw, String ceilName, String ceil) {
    double g = RunResults.get(r, gw, Double.class);
    double c = RunResults.get(r, ceil, Double.class);
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        name,
        String.format(Locale.ROOT, "%.2f MB/s", g / 1e6),
        String.format(Locale.ROOT, "%s %.1f MB/s", ceilName, c / 1e6),
        c > 0 ? g / c : 0);
  }
}
