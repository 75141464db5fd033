package io.edgegateway.bench.e2e;

import java.util.Map;

/**
 * Turns the samples and metrics of a run into the results of its two measured phases: the live
 * phase (simulator publishing, broker up) and the drain after the broker came back.
 */
final class PhaseSummary {
  private PhaseSummary() {}

  /**
   * Puts CPU, RSS, live uplink rate, upload lag, commit latencies and the message counts into
   * {@code r}. The live window runs from sample {@code a} (taken when the warm-up ended) to sample
   * {@code b} (taken just before the outage), both scraped.
   *
   * @param healthy the metrics scraped with {@code b}, just before the outage
   * @param last the metrics scraped after the drain
   */
  static void live(
      SampleSeries samples,
      Map<String, Object> r,
      DaemonSample a,
      DaemonSample b,
      PromText healthy,
      PromText last,
      double simSeconds) {
    double dt = b.t() - a.t();
    r.put("live_window_s", dt);
    r.put("t_live_start", a.t());
    r.put("t_live_end", b.t());
    r.put("live_received", b.received() - a.received());
    r.put("cpu_pct", 100 * (b.cpuSeconds() - a.cpuSeconds()) / dt);
    double simEnd = RunResults.get(r, "t_sim_end", Double.class);
    r.put(
        "rss_mb",
        samples.all().stream()
            .filter(x -> x.t() <= simEnd)
            .mapToDouble(DaemonSample::rssMib)
            .max()
            .orElse(0));
    r.put("uplink_live_bytes_s", (b.uplinkBytes() - a.uplinkBytes()) / dt);
    r.put(
        "lag_max_s",
        samples.all().stream()
            .filter(x -> x.scraped() && x.t() >= a.t() && x.t() <= b.t())
            .mapToDouble(DaemonSample::lagSeconds)
            .max()
            .orElse(0));
    r.put("commit_p50_ms", 1000 * healthy.max("gateway_uplink_commit_seconds", "quantile", "0.5"));
    r.put("commit_p99_ms", 1000 * healthy.max("gateway_uplink_commit_seconds", "quantile", "0.99"));
    double count = healthy.sum("gateway_uplink_commit_seconds_count");
    r.put("commits", count);
    r.put(
        "commit_mean_ms",
        count > 0 ? 1000 * healthy.sum("gateway_uplink_commit_seconds_sum") / count : 0);
    r.put("commit_max_ms", 1000 * healthy.max("gateway_uplink_commit_seconds_max"));
    double received = last.sum("gateway_bus_messages_received_total");
    double intakeFull = last.sum("gateway_sampler_dropped_total", "reason", "intake_full");
    double policy = last.sumExcept("gateway_sampler_dropped_total", "reason", "intake_full");
    r.put("received", (long) received);
    r.put("dropped_policy", (long) policy);
    r.put("dropped_intake_full", (long) intakeFull);
    r.put("append_lost", (long) last.sum("gateway_queue_append_lost_records_total"));
    r.put("ingest_msgs_s", received / simSeconds);
  }

  /**
   * Puts reconnect time, drain time and rate, and the backlog into {@code r}. The drain runs from
   * the last sample without new uplink bytes after {@code restartAt} to the first with an empty
   * queue (at least one sample interval).
   */
  static void drain(SampleSeries samples, Map<String, Object> r, double restartAt) {
    DaemonSample at = samples.atOrBefore(restartAt);
    DaemonSample idle = at;
    DaemonSample empty = null;
    for (DaemonSample x : samples.all()) {
      if (x.t() < restartAt) {
        continue;
      }
      if (x.uplinkBytes() <= at.uplinkBytes()) {
        idle = x;
      } else if (x.queueBatches() == 0) {
        empty = x;
        break;
      }
    }
    if (empty == null) {
      empty = samples.last();
    }
    double drainS = Math.max(DaemonSampler.SAMPLE_SECONDS, empty.t() - idle.t());
    double backlogS =
        RunResults.get(r, "t_sim_end", Double.class)
            - RunResults.get(r, "t_outage_start", Double.class);
    r.put("reconnect_s", idle.t() - restartAt);
    r.put("drain_s", drainS);
    r.put("backlog_s", backlogS);
    r.put("drain_bytes", empty.uplinkBytes() - at.uplinkBytes());
    r.put("drain_bytes_s", (empty.uplinkBytes() - at.uplinkBytes()) / drainS);
    r.put("drain_x", backlogS / drainS);
  }
}
