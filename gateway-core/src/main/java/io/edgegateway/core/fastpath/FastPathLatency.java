package io.edgegateway.core.fastpath;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * The fast path's latency record: nanoseconds from DDS receive to relay write complete, recorded by
 * the relay threads into an HdrHistogram {@link Recorder} (wait-free on the recording side: no
 * lock, no allocation) and read by metrics and tests.
 *
 * <p>The reader side keeps two views: everything since start ({@link #total()}) and a sliding
 * window of the last one to two {@code window} periods ({@link #windowQuantileSeconds}), which is
 * what the exported gauges show. Readers synchronize among themselves only; writers never wait for
 * them.
 */
public final class FastPathLatency {
  /** Highest latency tracked: 60 s; longer ones are clamped to it. */
  static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * Least time between two pulls from the recorder on behalf of the gauges: a scrape reads four
   * quantiles at once, and each pull clears a whole recorder histogram (about 28,000 counters).
   */
  static final long PULL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  private final long windowNanos;
  private final Histogram total = newHistogram();
  private @Nullable Histogram interval; // recycled by the recorder; null before the first pull
  private Histogram current = newHistogram();
  private Histogram previous = newHistogram();
  private final Histogram window = newHistogram();
  private long currentStartedNanos;
  private long lastPullNanos;
  private boolean pulledOnce;
  private boolean windowStale = true;

  /**
   * @param windowNanos length of half the sliding window the gauges report over, {@code >= 1 ms}
   * @param nowNanos monotonic time at creation
   */
  public FastPathLatency(long windowNanos, long nowNanos) {
    if (windowNanos < TimeUnit.MILLISECONDS.toNanos(1)) {
      throw new IllegalArgumentException(
          "windowNanos : " + windowNanos + " (expected: >= 1000000)");
    }
    this.windowNanos = windowNanos;
    this.currentStartedNanos = nowNanos;
  }

  /** Records one latency; called by relay threads. Wait-free, allocation-free. */
  public void record(long nanos) {
    recorder.recordValue(Math.max(1, Math.min(nanos, HIGHEST_TRACKABLE_NANOS)));
  }

  /** A copy of every latency recorded since start. */
  public synchronized Histogram total() {
    pull();
    return total.copy();
  }

  /**
   * The latency at {@code quantile} (0..1; 1 is the maximum) in seconds over the sliding window
   * ending at {@code nowNanos}; 0 when nothing was recorded in it. Latencies recorded since the
   * last call are included if at least {@link #PULL_INTERVAL_NANOS} passed since the recorder was
   * last read (the four gauges of one scrape share one read); the merged window is rebuilt only
   * when new latencies arrived or the window moved.
   */
  public synchronized double windowQuantileSeconds(double quantile, long nowNanos) {
    if (!pulledOnce || nowNanos - lastPullNanos >= PULL_INTERVAL_NANOS) {
      pull();
      pulledOnce = true;
      lastPullNanos = nowNanos;
    }
    if (nowNanos - currentStartedNanos >= windowNanos) {
      Histogram recycled = previous;
      previous = current;
      recycled.reset();
      current = recycled;
      currentStartedNanos = nowNanos;
      windowStale = true;
    }
    if (windowStale) {
      window.reset();
      window.add(previous);
      window.add(current);
      windowStale = false;
    }
    if (window.getTotalCount() == 0) {
      return 0;
    }
    long nanos =
        quantile >= 1 ? window.getMaxValue() : window.getValueAtPercentile(quantile * 100.0);
    return nanos / 1e9;
  }

  private void pull() {
    interval = recorder.getIntervalHistogram(interval);
    if (interval.getTotalCount() > 0) {
      total.add(interval);
      current.add(interval);
      windowStale = true;
    }
  }

  private static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  }
}
