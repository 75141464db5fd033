package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The files a run leaves in its results directory, read by {@link E2eReport} and people. */
final class ResultFiles {
  private ResultFiles() {}

  /**
   * Writes {@code <scenario>.properties} (every result in {@code r}), {@code <scenario>.csv} (the
   * samples), {@code <scenario>.metrics.txt} (the last metrics scrape) and {@code
   * e2e-<scenario>.png} into the results directory.
   */
  static void write(
      E2eOptions o, Map<String, Object> r, SampleSeries samples, String lastMetricsText)
      throws IOException {
    Properties p = new Properties();
    r.forEach((k, v) -> p.put(k, String.valueOf(v)));
    String name = o.scenario().name();
    try (var w = Files.newBufferedWriter(o.out().resolve(name + ".properties"))) {
      p.store(w, "bench/e2e.sh --scenario " + name);
    }
    StringBuilder csv =
        new StringBuilder("t,received,uplink_bytes,queue_batches,lag_s,cpu_s,rss_mib\n");
    for (DaemonSample x : samples.all()) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.3f,%.0f,%.0f,%.0f,%.3f,%.2f,%.1f%n",
              x.t(),
              x.received(),
              x.uplinkBytes(),
              x.queueBatches(),
              x.lagSeconds(),
              x.cpuSeconds(),
              x.rssMib()));
    }
    Files.writeString(o.out().resolve(name + ".csv"), csv);
    Files.writeString(o.out().resolve(name + ".metrics.txt"), lastMetricsText);
    PngChart.render(
        samples.all(),
        RunResults.get(r, "t_sim_start", Double.class),
        RunResults.get(r, "t_outage_start", Double.class),
        RunResults.get(r, "t_restart", Double.class),
        "bench/e2e.sh --scenario " + name + " --seconds " + Math.round(o.seconds()),
        o.out().resolve("e2e-" + name + ".png"));
  }
}
