package io.edgegateway.bench.e2e;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The thread ({@code e2e-sampler}) that samples the daemon every {@link #SAMPLE_SECONDS} into a
 * {@link SampleSeries}: its CPU time and RSS from {@code /proc} every time, its metrics over HTTP
 * at the current {@link #scrapeEvery scrape interval} (every sample unless the bench slowed it down
 * for the CPU window; between scrapes a sample repeats the last scraped values, {@link
 * DaemonSample#scraped()} false). A scrape that fails adds no sample.
 */
final class DaemonSampler {
  /** Seconds between samples. */
  static final double SAMPLE_SECONDS = 0.25;

  /**
   * Seconds between scrapes inside the CPU window: the scrape interval docs/monitoring.md gives
   * Prometheus, so the window pays for the scrapes a robot's own Prometheus would make, not for the
   * bench's four per second.
   */
  static final double PROMETHEUS_SECONDS = 15;

  private final DaemonHttp http;
  private final RunClock clock;
  private final SampleSeries samples;
  private volatile boolean sampling = true;
  private volatile double scrapeSeconds = SAMPLE_SECONDS;
  private @Nullable DaemonSample lastScraped; // guarded by this; null before the first scrape
  private @Nullable Thread thread; // null until started
  private long pid;

  DaemonSampler(DaemonHttp http, RunClock clock, SampleSeries samples) {
    this.http = http;
    this.clock = clock;
    this.samples = samples;
  }

  /** Starts sampling process {@code pid}; returns this. */
  DaemonSampler start(long pid) {
    this.pid = pid;
    Thread t = new Thread(this::sample, "e2e-sampler");
    t.setDaemon(true);
    t.start();
    thread = t;
    return this;
  }

  /** From now on the metrics are scraped at most every {@code seconds}. */
  void scrapeEvery(double seconds) {
    scrapeSeconds = seconds;
  }

  /**
   * Scrapes and samples now, in order with the sampler thread's samples, and returns the sample
   * (with the metrics it was taken from); empty if the daemon did not answer.
   */
  synchronized Optional<Scraped> sampleNow() {
    Optional<PromText> m = http.scrape();
    m.ifPresent(p -> add(p, ProcStats.cpuSeconds(pid), ProcStats.rssMib(pid)));
    DaemonSample s = lastScraped;
    return m.isPresent() && s != null ? Optional.of(new Scraped(s, m.get())) : Optional.empty();
  }

  /** A sample and the metrics it was taken from. */
  record Scraped(DaemonSample sample, PromText metrics) {}

  /** Ends sampling and waits up to 5 s for the thread to finish. */
  void stop() throws InterruptedException {
    sampling = false;
    Objects.requireNonNull(thread, "sampler not started").join(TimeUnit.SECONDS.toMillis(5));
  }

  private void sample() {
    long next = System.nanoTime();
    while (sampling) {
      sampleOnce();
      next += (long) (SAMPLE_SECONDS * 1e9);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private synchronized void sampleOnce() {
    DaemonSample last = lastScraped;
    double cpu = ProcStats.cpuSeconds(pid);
    double rss = ProcStats.rssMib(pid);
    if (last == null || clock.now() - last.t() >= scrapeSeconds - SAMPLE_SECONDS / 2) {
      http.scrape().ifPresent(p -> add(p, cpu, rss));
    } else {
      samples.add(
          new DaemonSample(
              clock.now(),
              last.received(),
              last.uplinkBytes(),
              last.queueBatches(),
              last.lagSeconds(),
              cpu,
              rss,
              false));
    }
  }

  private void add(PromText p, double cpu, double rss) {
    DaemonSample s =
        new DaemonSample(
            clock.now(),
            p.sum("gateway_bus_messages_received_total"),
            p.sum("gateway_uplink_bytes_total"),
            p.sum("gateway_queue_batches"),
            p.max("gateway_uplink_lag_seconds"),
            cpu,
            rss,
            true);
    lastScraped = s;
    samples.add(s);
  }
}
