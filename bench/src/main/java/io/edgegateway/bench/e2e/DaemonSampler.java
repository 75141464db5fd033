package io.edgegateway.bench.e2e;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The thread ({@code e2e-sampler}) that samples the daemon every {@link #SAMPLE_SECONDS} into a
 * {@link SampleSeries}: its metrics over HTTP, its CPU time and RSS from {@code /proc}. A scrape
 * that fails adds no sample.
 */
final class DaemonSampler {
  /** Seconds between samples. */
  static final double SAMPLE_SECONDS = 0.25;

  private final DaemonHttp http;
  private final RunClock clock;
  private final SampleSeries samples;
  private volatile boolean sampling = true;
  private @Nullable Thread thread; // null until started

  DaemonSampler(DaemonHttp http, RunClock clock, SampleSeries samples) {
    this.http = http;
    this.clock = clock;
    this.samples = samples;
  }

  /** Starts sampling process {@code pid}; returns this. */
  DaemonSampler start(long pid) {
    Thread t = new Thread(() -> sample(pid), "e2e-sampler");
    t.setDaemon(true);
    t.start();
    thread = t;
    return this;
  }

  /** Ends sampling and waits up to 5 s for the thread to finish. */
  void stop() throws InterruptedException {
    sampling = false;
    Objects.requireNonNull(thread, "sampler not started").join(TimeUnit.SECONDS.toMillis(5));
  }

  private void sample(long pid) {
    long next = System.nanoTime();
    while (sampling) {
      Optional<PromText> m = http.scrape();
      double cpu = ProcStats.cpuSeconds(pid);
      double rss = ProcStats.rssMib(pid);
      m.ifPresent(
          p ->
              samples.add(
                  new DaemonSample(
                      clock.now(),
                      p.sum("gateway_bus_messages_received_total"),
                      p.sum("gateway_uplink_bytes_total"),
                      p.sum("gateway_queue_batches"),
                      p.max("gateway_uplink_lag_seconds"),
                      cpu,
                      rss)));
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
}
