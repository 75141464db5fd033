package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Writes the results of {@code bench/e2e.sh} runs into docs/benchmarks.md: replaces the text
 * between {@code <!-- e2e:begin -->} and {@code <!-- e2e:end -->} with a summary table and, per
 * scenario, its stage table and plot (copied next to the page), and optionally the text between
 * {@code <!-- micro:begin -->} and {@code <!-- micro:end -->} with a given file (bench/all.sh).
 *
 * <p>Usage: {@code E2eReport <results dir> <benchmarks.md> <image dir> [micro.md]}.
 */
public final class E2eReport {
  private E2eReport() {}

  /** Rewrites the page; see the class description for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: E2eReport <results dir> <benchmarks.md> <image dir> [micro.md]");
      System.exit(2);
    }
    Path results = Path.of(args[0]);
    Path doc = Path.of(args[1]);
    Path images = Files.createDirectories(Path.of(args[2]));
    List<Properties> runs = new ArrayList<>();
    for (Scenario s : Scenario.ALL) {
      Path p = results.resolve(s.name() + ".properties");
      if (Files.exists(p)) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
          props.load(r);
        }
        runs.add(props);
        Files.copy(
            results.resolve("e2e-" + s.name() + ".png"),
            images.resolve("e2e-" + s.name() + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String page = Files.readString(doc);
    page =
        replace(
            page,
            "e2e",
            render(
                runs,
                Objects.requireNonNull(doc.getParent(), "doc's directory").relativize(images)));
    if (args.length > 3) {
      page = replace(page, "micro", Files.readString(Path.of(args[3])));
    }
    Files.writeString(doc, page);
    System.out.println("report: wrote " + runs.size() + " scenario(s) into " + doc);
  }

  static String replace(String page, String marker, String body) {
    String begin = "<!-- " + marker + ":begin -->";
    String end = "<!-- " + marker + ":end -->";
    int b = page.indexOf(begin);
    int e = page.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(
          "page : no " + begin + " ... " + end + " block (expected: both markers, in order)");
    }
    return page.substring(0, b + begin.length()) + "\n" + body.strip() + "\n" + page.substring(e);
  }

  static String render(List<Properties> runs, Path imageDir) {
    StringBuilder md = new StringBuilder();
    md.append("| scenario | date (UTC) | load avg at start | published msgs/s | ingest_ratio |")
        .append(
            " uplink_ratio | CPU % of a core | RSS MiB | loss | of which in the gateway |"
                + " commit p50 / p99 ms |")
        .append(" lag max s | drain × real time | CPU ÷ raw subscriber |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Properties p : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %,.0f | %.3f | %.3f | %.1f | %.0f | %s | %.0f | %.0f / %.0f | %.2f |"
                  + " %.1f | %.2f |%n",
              p.getProperty("scenario"),
              p.getProperty("date").substring(0, 16).replace('T', ' '),
              p.getProperty("loadavg").split(" ")[0],
              d(p, "published") / d(p, "sim_seconds"),
              d(p, "ingest_ratio"),
              d(p, "uplink_ratio"),
              d(p, "cpu_pct"),
              d(p, "rss_mb"),
              p.getProperty("loss"),
              d(p, "received") - d(p, "dropped_policy") - d(p, "delivered"),
              d(p, "commit_p50_ms"),
              d(p, "commit_p99_ms"),
              d(p, "lag_max_s"),
              d(p, "drain_x"),
              d(p, "cpu_ratio_vs_raw")));
    }
    for (Properties p : runs) {
      String name = p.getProperty("scenario");
      md.append("\n#### ").append(name).append("\n\n```\n").append(p.getProperty("line"));
      md.append("\n```\n\n");
      md.append(
          String.format(
              Locale.ROOT,
              "Published %s samples in %.1f s; the gateway received %s, dropped %s by policy"
                  + " (cameras to 1 Hz) and %s on a full intake; Kafka holds %s samples in %s"
                  + " batches (read_committed).%n%n",
              p.getProperty("published"),
              d(p, "sim_seconds"),
              p.getProperty("received"),
              p.getProperty("dropped_policy"),
              p.getProperty("dropped_intake_full"),
              p.getProperty("delivered"),
              p.getProperty("delivered_batches")));
      md.append("| stage | gateway | ceiling (same run) | ratio |\n|---|---|---|---|\n");
      double ingest = d(p, "ingest_msgs_s");
      row(
          md,
          "ingest (DDS → gateway)",
          f("%,.0f msgs/s", ingest),
          f("raw Fast-DDS, Java publisher → raw subscriber: %,.0f msgs/s", d(p, "rawdds_msgs_s")),
          ingest / d(p, "rawdds_msgs_s"));
      row(
          md,
          "",
          "",
          f(
              "ddsperf (Cyclone), best effort, %s B: %,.0f msgs/s",
              p.getProperty("ddsperf_size"), d(p, "ddsperf_msgs_s")),
          ingest / d(p, "ddsperf_msgs_s"));
      row(
          md,
          "encode + compress",
          f("%.2f MB/s in, %.2fx", d(p, "codec_in_bytes_s") / 1e6, d(p, "gateway_ratio")),
          f(
              "zstd -3 CLI: %.1f MB/s, %.2fx (zstd -1: %.1f MB/s)",
              d(p, "zstd3_bytes_s") / 1e6, d(p, "zstd3_ratio"), d(p, "zstd1_bytes_s") / 1e6),
          d(p, "codec_in_bytes_s") / d(p, "zstd3_bytes_s"));
      row(
          md,
          "durable queue (SQLite)",
          f("%.2f MB/s", d(p, "queue_bytes_s") / 1e6),
          f("sqlite3 CLI bulk insert, same blobs: %.1f MB/s", d(p, "sqlite_bytes_s") / 1e6),
          d(p, "queue_bytes_s") / d(p, "sqlite_bytes_s"));
      row(
          md,
          "uplink (backlog drain)",
          f("%.2f MB/s", d(p, "drain_bytes_s") / 1e6),
          f("bare Kafka producer, same batch bytes: %.1f MB/s", d(p, "bare_bytes_s") / 1e6),
          d(p, "uplink_ratio"));
      md.append(
          String.format(
              Locale.ROOT,
              "%nDaemon: %.1f %% of one core, RSS peak %.0f MiB; commit p50 %.1f ms, p99 %.1f ms,"
                  + " max %.1f ms (%.0f commits); upload lag max %.2f s; a %.1f s backlog drained"
                  + " in %.2f s (%.1f× real time) after a %.1f s reconnect.%n%n",
              d(p, "cpu_pct"),
              d(p, "rss_mb"),
              d(p, "commit_p50_ms"),
              d(p, "commit_p99_ms"),
              d(p, "commit_max_ms"),
              d(p, "commits"),
              d(p, "lag_max_s"),
              d(p, "backlog_s"),
              d(p, "drain_s"),
              d(p, "drain_x"),
              d(p, "reconnect_s")));
      md.append("![")
          .append(name)
          .append("](")
          .append(imageDir.resolve("e2e-" + name + ".png").toString().replace('\\', '/'))
          .append(")\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String stage, String gw, String ceiling, double ratio) {
    md.append("| ")
        .append(stage)
        .append(" | ")
        .append(gw)
        .append(" | ")
        .append(ceiling)
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.3f", ratio))
        .append(" |\n");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static double d(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key, "0"));
  }
}
