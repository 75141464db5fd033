package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The raw Fast-DDS subscriber ({@link RawDdsSink}: raw CDR, counts only) that subscribes to the
 * daemon's topics on the daemon's domain while the simulator publishes, so both see the same load
 * in the same window: its CPU time (utime+stime from {@code /proc}) and received count are sampled
 * every 250 ms by the thread {@code e2e-raw-sampler} and compared with the daemon's over the live
 * window ({@code cpu_ratio_vs_raw}, {@code ingest_ratio_vs_raw_live}).
 */
final class RawSubscriberAlongside implements AutoCloseable {
  private static final Pattern RECEIVED = Pattern.compile("received=(\\d+) bytes=(\\d+)");

  /** One sample of the raw subscriber, at {@link RunClock} time {@code t}. */
  record Point(double t, double cpuSeconds, long received) {}

  private final Process sink;
  private final Path sinkLog;
  private final RunClock clock;
  private final List<Point> points = new CopyOnWriteArrayList<>();
  private volatile boolean sampling = true;
  private @Nullable Thread thread; // null until started

  private RawSubscriberAlongside(Process sink, Path sinkLog, RunClock clock) {
    this.sink = sink;
    this.sinkLog = sinkLog;
    this.clock = clock;
  }

  /**
   * Starts the raw subscriber on {@code scenario}'s topics in {@code domain}, waits until it has
   * subscribed and starts sampling it.
   */
  static RawSubscriberAlongside start(
      ChildProcesses processes,
      Path work,
      Scenario scenario,
      int domain,
      double seconds,
      RunClock clock)
      throws Exception {
    Path log = work.resolve("sink-alongside.log");
    Process p =
        processes.startJava(
            "io.edgegateway.bench.e2e.RawDdsSink",
            log,
            scenario.name(),
            Integer.toString(domain),
            Double.toString(seconds + 300));
    RawSubscriberAlongside s = new RawSubscriberAlongside(p, log, clock);
    try {
      ChildProcesses.awaitLine(p, log, "ready");
    } catch (Exception e) {
      s.close();
      throw e;
    }
    Thread t = new Thread(s::sample, "e2e-raw-sampler");
    t.setDaemon(true);
    t.start();
    s.thread = t;
    return s;
  }

  private void sample() {
    long next = System.nanoTime();
    while (sampling) {
      double cpu = ProcStats.cpuSeconds(sink.pid());
      long received = lastReceived();
      if (cpu >= 0) {
        points.add(new Point(clock.now(), cpu, received));
      }
      next += (long) (DaemonSampler.SAMPLE_SECONDS * 1e9);
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

  private long lastReceived() {
    try {
      long received = 0;
      Matcher m = RECEIVED.matcher(Files.readString(sinkLog));
      while (m.find()) {
        received = Long.parseLong(m.group(1));
      }
      return received;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The samples taken so far, oldest first. */
  List<Point> points() {
    return List.copyOf(points);
  }

  /**
   * Puts the raw subscriber's CPU and rate over the daemon's live window into {@code r}: {@code
   * raw_cpu_pct}, {@code raw_live_msgs_s}, {@code cpu_ratio_vs_raw} (daemon {@code cpu_pct} ÷
   * {@code raw_cpu_pct}) and {@code ingest_ratio_vs_raw_live} (daemon received ÷ raw received in
   * the window); needs {@code cpu_pct}, {@code t_live_start}, {@code t_live_end} and {@code
   * live_received} in {@code r}.
   */
  static void summarize(List<Point> points, Map<String, Object> r) {
    double from = RunResults.get(r, "t_live_start", Double.class);
    double to = RunResults.get(r, "t_live_end", Double.class);
    Point a = null;
    Point b = null;
    for (Point x : points) {
      if (a == null && x.t() >= from) {
        a = x;
      }
      if (x.t() <= to) {
        b = x;
      }
    }
    if (a == null || b == null || !(b.t() > a.t()) || a.received() < 0 || b.received() < 0) {
      r.put("raw_cpu_pct", 0.0);
      r.put("raw_live_msgs_s", 0.0);
      r.put("cpu_ratio_vs_raw", 0.0);
      r.put("ingest_ratio_vs_raw_live", 0.0);
      return;
    }
    double dt = b.t() - a.t();
    double rawCpu = 100 * (b.cpuSeconds() - a.cpuSeconds()) / dt;
    double rawMsgs = (b.received() - a.received()) / dt;
    double daemonCpu = RunResults.get(r, "cpu_pct", Double.class);
    double liveS = to - from;
    double daemonMsgs = liveS > 0 ? RunResults.get(r, "live_received", Double.class) / liveS : 0;
    r.put("raw_cpu_pct", rawCpu);
    r.put("raw_live_msgs_s", rawMsgs);
    r.put("cpu_ratio_vs_raw", rawCpu > 0 ? daemonCpu / rawCpu : 0.0);
    r.put("ingest_ratio_vs_raw_live", rawMsgs > 0 ? daemonMsgs / rawMsgs : 0.0);
  }

  /** Stops sampling and the raw subscriber. Idempotent. */
  @Override
  public void close() throws InterruptedException {
    sampling = false;
    Thread t = thread;
    if (t != null) {
      t.join(TimeUnit.SECONDS.toMillis(5));
    }
    sink.destroy();
    if (!sink.waitFor(10, TimeUnit.SECONDS)) {
      sink.destroyForcibly();
    }
  }
}
